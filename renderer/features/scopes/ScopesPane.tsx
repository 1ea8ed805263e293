/** Scope explanations and code-to-manifest checks for the open app. */
export function ScopesPane() {
  return (
    <div className="pane-empty">
      <h2>Scopes</h2>
      <p>Each scope the manifest declares, what it lets the app do, and where the app's code needs it.</p>
    </div>
  );
}
