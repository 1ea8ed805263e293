import { PaneGuide } from '../first-run/PaneGuide';

/** The Runner pane of an app that declares no function yet: what to add, and where. */
export function NothingToRun({ environment }: { environment: string }) {
  return (
    <PaneGuide title="Nothing to run yet">
      <p>
        The Runner runs the functions your manifest declares, in a local sandbox, in {environment}. Declare one under <code>modules</code> in manifest.yml, for example:
      </p>
      <pre className="pane-guide-example">{`modules:
  function:
    - key: main
      handler: index.run`}</pre>
      <p>
        and export <code>run</code> from <code>src/index.js</code>. It is listed here as soon as you type it, and so are the keys a resolver defines.
      </p>
    </PaneGuide>
  );
}
