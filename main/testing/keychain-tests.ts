/**
 * Whether this test process runs inside the private Secret Service that `npm test` starts (never the
 * developer's own keychain). Outside it, keychain tests skip and say so; under CI they must not skip,
 * because then nothing would have checked that secrets stay in the keychain.
 */
export function inPrivateKeychain(): boolean {
  const inside = process.env.ANVIL_PRIVATE_SECRET_SERVICE === '1';
  if (!inside && process.env.CI) {
    throw new Error('Keychain tests need the private Secret Service that npm test starts; under CI they must not skip. Run them through npm test (or scripts/private-keychain.mjs).');
  }
  return inside;
}
