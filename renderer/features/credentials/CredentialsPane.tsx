/** Tokens and secrets, kept in the OS keychain; this pane only ever shows names. */
export function CredentialsPane() {
  return (
    <div className="pane-empty">
      <h2>Credentials</h2>
      <p>Your Atlassian token, site tokens and secret variables, kept in the OS keychain. No credentials are stored yet.</p>
    </div>
  );
}
