/** The install screen a site admin sees, and what an upgrade asks them to re-approve. */
export function ConsentPane() {
  return (
    <div className="pane-empty">
      <h2>Consent</h2>
      <p>The screen a site admin sees when installing this app, and what a new version asks them to approve again.</p>
    </div>
  );
}
