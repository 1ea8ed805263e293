import { useEffect, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { AppSummary, RunnableFunctions, RunResult } from '../../../common/types';
import { InstallationPicker } from './InstallationPicker';
import { ResolverKeyNotes, ResolverKeyOptions, useRelistOnChange } from './ResolverKeys';
import { RunnerTerminal } from './RunnerTerminal';
import { StopButton } from './StopButton';
import { StoragePanel } from './StoragePanel';
import { SqlPanel } from './SqlPanel';
import { usePaletteRun } from './usePaletteRun';
import { jsonObjectText } from '../../ui/jsonObjectText';
import { StackText } from '../../ui/StackText';
import { useCommandRegistry } from '../../ui/commands';
import { isOutOfSight, runNotice } from '../../ui/notifications/finishedWork';
import { notify } from '../../ui/notifications/notifications';
import { NothingToRun } from './NothingToRun';

/** Run a function or resolver of the app in the local sandbox, and see its result, calls and logs. */
export function RunnerPane({ bridge, app, environment }: { bridge: AnvilBridge; app: AppSummary; environment: string }) {
  const [runnable, setRunnable] = useState<RunnableFunctions>({ functions: [], resolverKeys: [], resolvers: [], unreachedResolverKeys: [], notes: [] });
  const [listed, setListed] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const registry = useCommandRegistry();
  const [target, setTarget] = useState('');
  const [payload, setPayload] = useState('{}');
  const [context, setContext] = useState('{}');
  const [installation, setInstallation] = useState('');
  // Bumped after each run, so the storage panel shows what the invocation wrote.
  const [storageVersion, setStorageVersion] = useState(0);
  const [fixture, setFixture] = useState<{ file: string; text: string } | null>(null);
  const [fixtureMessage, setFixtureMessage] = useState<string | null>(null);

  const editFixture = async (file: string) => {
    setFixtureMessage(null);
    setFixture({ file, text: (await bridge.readFixture({ file })).text });
  };
  const saveFixture = async () => {
    if (!fixture) return;
    try {
      await bridge.saveFixture(fixture);
      setFixtureMessage(`Saved ${fixture.file}; run again to use it.`);
    } catch (failure) {
      setFixtureMessage((failure as Error).message);
    }
  };
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<RunResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The payload last filled in from a function's template: replaced when another function is
  // chosen, unless the developer has edited it since.
  const [prefilled, setPrefilled] = useState('{}');
  const choose = (key: string, functions: RunnableFunctions['functions']) => {
    setTarget(key);
    const template = functions.find((fn) => fn.key === key)?.payloadTemplate;
    const next = template ? JSON.stringify(template, null, 2) : '{}';
    setPayload((current) => (current.trim() === '' || current === prefilled ? next : current));
    setPrefilled(next);
  };

  useEffect(() => {
    void bridge.listRunnableFunctions({ environment }).then(
      (next) => {
        setRunnable(next);
        setListed(true);
        if (target === '') choose(next.resolverKeys[0] || next.functions[0]?.key || '', next.functions);
      },
      (failure: Error) => setError(failure.message),
    );
    // Only a new app (or bridge, or environment) lists again; the target chosen so far is kept.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge, app.folder, environment]);
  useRelistOnChange(bridge, environment, setRunnable);

  const run = async () => {
    setError(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload || '{}');
    } catch (failure) {
      setError(`The payload is not JSON: ${(failure as Error).message}`);
      return;
    }
    const contextObject = jsonObjectText(context, 'context');
    if (!contextObject.ok) {
      setError(contextObject.problem);
      return;
    }
    const parsedContext = contextObject.value;
    setRunning(true);
    // A run that ends while the pane is out of sight (started from the palette, or the developer
    // moved on) is told in a notice, with a way back here.
    const showRunner = { label: 'Show', run: () => void registry?.run('show-runner') };
    try {
      const result = await bridge.runFunction({ functionKey: target, payload: parsed, context: parsedContext, environment, ...(installation ? { installation } : {}) });
      setOutcome(result);
      setStorageVersion((version) => version + 1);
      if (isOutOfSight(root.current)) notify({ ...runNotice(result), action: showRunner });
    } catch (failure) {
      setError((failure as Error).message);
      if (isOutOfSight(root.current)) notify({ kind: 'error', message: `${target} could not run: ${(failure as Error).message}`, action: showRunner });
    } finally {
      setRunning(false);
    }
  };

  // The command palette's "Run …" commands run here, as the Run button does.
  usePaletteRun({ runnable, target, running, choose: (key) => choose(key, runnable.functions), run: () => void run() });

  return (
    <div className="runner-pane" ref={root}>
      {listed && runnable.functions.length === 0 && runnable.resolverKeys.length === 0 ? <NothingToRun environment={environment} /> : null}
      <div className="runner-controls">
        <label>
          Run
          <select aria-label="Function" value={target} onChange={(event) => choose(event.target.value, runnable.functions)}>
            <ResolverKeyOptions runnable={runnable} />
            <optgroup label="Functions">
              {runnable.functions.map((fn) => (
                <option key={`f-${fn.key}`} value={fn.key}>
                  {fn.key}
                  {fn.moduleType ? ` (${fn.moduleType})` : ''}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <span className="muted">in {environment}</span>
        <InstallationPicker bridge={bridge} environment={environment} folder={app.folder} value={installation} onChange={setInstallation} />
        <button type="button" onClick={() => void run()} disabled={running || target === ''}>
          {running ? 'Running…' : 'Run'}
        </button>
        {running ? <StopButton bridge={bridge} onFailure={setError} /> : null}
      </div>
      <ResolverKeyNotes runnable={runnable} />
      <label className="runner-payload">
        Payload (JSON)
        <textarea aria-label="Payload" value={payload} onChange={(event) => setPayload(event.target.value)} rows={3} spellCheck={false} />
      </label>
      <label className="runner-payload">
        Context (JSON, merged into what the platform would pass)
        <textarea aria-label="Context" value={context} onChange={(event) => setContext(event.target.value)} rows={2} spellCheck={false} />
      </label>
      {error ? (
        <div className="banner error" role="alert">
          {error}
        </div>
      ) : null}
      {outcome ? (
        <section className="run-outcome" aria-label="Invocation">
          <p>
            <span className={`run-status status-${outcome.status}`}>{outcome.status}</span> {outcome.functionKey} · {outcome.durationMs} ms
            {outcome.memoryBytes ? ` · ${Math.round(outcome.memoryBytes / 1024 / 1024)} MB` : ''} · {outcome.installation}
          </p>
          {outcome.error ? <StackText className="error" text={outcome.error} /> : null}
          {outcome.status === 'ok' ? <pre className="run-result">{JSON.stringify(outcome.result, null, 2)}</pre> : null}
          <ul className="run-calls" aria-label="Calls">
            {outcome.calls.map((call, index) => (
              <li key={index} className={call.allowed ? 'allowed' : 'refused'}>
                <strong>{call.allowed ? 'allowed' : 'refused'}</strong> {call.kind} {call.method} <code>{call.target}</code> — {call.reason}{' '}
                {call.fixture ? (
                  <button type="button" className="link" onClick={() => void editFixture(call.fixture!.file)}>
                    {call.fixture.found ? 'Edit fixture' : 'Create fixture'}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {fixture ? (
        <section className="fixture-editor" aria-label="Fixture">
          <p>
            <code>{fixture.file}</code>
          </p>
          <textarea aria-label="Fixture JSON" value={fixture.text} onChange={(event) => setFixture({ ...fixture, text: event.target.value })} rows={8} spellCheck={false} />
          <div className="runner-controls">
            <button type="button" onClick={() => void saveFixture()}>
              Save fixture
            </button>
            <button type="button" onClick={() => setFixture(null)}>
              Close
            </button>
            {fixtureMessage ? <span role="status">{fixtureMessage}</span> : null}
          </div>
        </section>
      ) : null}
      <StoragePanel bridge={bridge} environment={environment} installation={installation} version={storageVersion} />
      <SqlPanel bridge={bridge} environment={environment} installation={installation} version={storageVersion} />
      <RunnerTerminal app={app} bridge={bridge} />
    </div>
  );
}
