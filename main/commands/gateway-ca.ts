/**
 * The environment variable naming a PEM file of a certificate to trust for the gateway besides the
 * system's roots. Only for tests, which point FORGE_GRAPHQL_GATEWAY at a stand-in with a self-signed
 * certificate: verification stays on, this adds one root to it. Its own file, so the command line's
 * index can name it without loading any command.
 */
export const TEST_ONLY_GATEWAY_CA_FILE = 'ANVIL_TEST_ONLY_GATEWAY_CA_FILE';
