import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { CloudOverview, ForgeCliInfo, ForgeDeployCheck } from '../../../common/types';
import { useCommandRegistry } from '../../ui/commands';
import { startForgeRun } from '../terminal/forgeRuns';
import { ApprovalReasons } from './ApprovalReasons';
import { useForgeAsks, type ForgeAsk } from './forgeAsks';
import { CallAlert, useCall } from './useCall';

const PRODUCTS = ['jira', 'confluence', 'compass', 'bitbucket'];
const TERMINAL_SIZE = { cols: 120, rows: 30 };

/**
 * The app's real environment on the Forge platform: `forge deploy` and `forge install --upgrade` run by
 * the real Forge CLI in the Terminal pane, with the keychain's Atlassian login. Before a deploy Anvil's
 * own checks run, and a major version (site admins must approve it) is announced with its reasons.
 */
export function ForgeSection({ bridge, environment }: { bridge: AnvilBridge; environment: string }) {
  const registry = useCommandRegistry();
  const { busy, error, run } = useCall();
  const [cli, setCli] = useState<ForgeCliInfo | null>(null);
  const [check, setCheck] = useState<ForgeDeployCheck | null>(null);
  const [site, setSite] = useState('');
  const [product, setProduct] = useState('jira');
  const siteInput = useRef<HTMLInputElement>(null);
  const showTerminal = useCallback(() => registry?.run('show-terminal'), [registry]);

  useEffect(() => {
    void bridge.describeForgeCli().then(setCli, () => setCli(null));
  }, [bridge]);

  // The sites the app is installed on in this environment (what the Cloud pane lists, from its cache
  // when fresh): offered as the site to upgrade, so it need not be typed. None when it cannot be read.
  const [installed, setInstalled] = useState<CloudOverview['installations']>([]);
  const hasLogin = cli?.login != null;
  useEffect(() => {
    if (!hasLogin) return;
    let current = true;
    void bridge.getCloudOverview({ refresh: false }).then(
      (overview) => current && setInstalled(overview.installations.filter((installation) => installation.environment === environment)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [bridge, environment, hasLogin]);
  const chooseSite = (value: string) => {
    setSite(value);
    // A site the app is installed on: its product too, as `forge install --upgrade` needs both.
    const known = installed.find((installation) => installation.site === value.trim());
    if (known && PRODUCTS.includes(known.product.toLowerCase())) setProduct(known.product.toLowerCase());
  };
  const sitesListId = `forge-installed-sites-${environment}`;

  const deployNow = (despiteErrors: boolean) =>
    run(async () => {
      setCheck(null);
      await startForgeRun(bridge, { command: 'deploy', environment, despiteErrors, ...TERMINAL_SIZE }, `forge deploy to ${environment}`, showTerminal);
    });

  const deploy = () =>
    run(async () => {
      setCheck(null);
      const found = await bridge.checkForgeDeploy({ environment });
      setCli(found.cli);
      if (!found.cli.login || found.cli.kind === 'missing') return;
      // A clean minor version goes at once; errors or a major version wait for the developer's word.
      if (found.errors.length > 0 || found.version?.major) return setCheck(found);
      await startForgeRun(bridge, { command: 'deploy', environment, ...TERMINAL_SIZE }, `forge deploy to ${environment}`, showTerminal);
    });

  const upgrade = () => {
    if (site.trim() === '') {
      siteInput.current?.focus();
      return;
    }
    void run(() => startForgeRun(bridge, { command: 'install-upgrade', environment, site, product, ...TERMINAL_SIZE }, `forge install --upgrade on ${site} (${environment})`, showTerminal));
  };

  // An ask runs what the section shows now (its site and product as typed).
  const latest = useRef({ deploy, upgrade });
  latest.current = { deploy, upgrade };
  const onAsk = useCallback((ask: ForgeAsk) => {
    if (ask.action === 'deploy') void latest.current.deploy();
    else latest.current.upgrade();
  }, []);
  useForgeAsks(environment, onAsk);

  const noLogin = cli !== null && cli.login === null;
  return (
    <section aria-label="Forge platform" className="environment-section">
      <h3>Forge platform</h3>
      <p className="muted">The app’s real {environment} environment, through the Forge CLI: deploys the code and manifest to Atlassian and upgrades installations on sites.</p>
      <p data-testid="forge-cli">{cli ? cli.description : 'Looking for the Forge CLI…'}</p>
      {cli?.login ? (
        <p className="muted">Runs as {cli.login.email} (the Atlassian account in your keychain).</p>
      ) : noLogin ? (
        <p className="error" role="note">
          No Atlassian login for the Forge CLI: set your Atlassian account (email and API token) in the Credentials pane first.{' '}
          <button type="button" onClick={() => registry?.run('show-credentials')}>
            Open Credentials
          </button>
        </p>
      ) : null}
      <div className="environment-actions">
        <button type="button" onClick={() => void deploy()} disabled={busy || noLogin || cli?.kind === 'missing'} aria-busy={busy}>
          Deploy to Forge
        </button>
        <span className="muted">
          Runs forge deploy -e {environment} in the Terminal pane{cli?.kind === 'npx' ? ' (npm downloads the Forge CLI on the first run)' : ''}.
        </span>
      </div>
      {check ? <DeployConfirmation check={check} onDeploy={(despiteErrors) => void deployNow(despiteErrors)} onCancel={() => setCheck(null)} /> : null}
      <div className="environment-actions" role="group" aria-label="Install or upgrade on a site">
        <label>
          Site{' '}
          <input
            ref={siteInput}
            value={site}
            onChange={(event) => chooseSite(event.target.value)}
            placeholder="your-team.atlassian.net"
            aria-label="Site"
            list={installed.length > 0 ? sitesListId : undefined}
          />
        </label>
        {installed.length > 0 ? (
          <datalist id={sitesListId} data-testid="installed-sites">
            {installed.map((installation) => (
              <option key={installation.id} value={installation.site}>
                {`${installation.product}, version ${installation.version ?? 'unknown'}`}
              </option>
            ))}
          </datalist>
        ) : null}
        <label>
          Product{' '}
          <select value={product} onChange={(event) => setProduct(event.target.value)} aria-label="Product">
            {PRODUCTS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={upgrade} disabled={busy || noLogin || cli?.kind === 'missing'}>
          Install/Upgrade on Forge
        </button>
      </div>
      <CallAlert error={error} />
    </section>
  );
}

/** Errors that block a deploy (with a way past them: the CLI checks too), or a major version's reasons, before anything runs. */
function DeployConfirmation({ check, onDeploy, onCancel }: { check: ForgeDeployCheck; onDeploy: (despiteErrors: boolean) => void; onCancel: () => void }) {
  const blocked = check.errors.length > 0;
  return (
    <div className={`forge-check ${blocked ? 'blocked' : 'major'}`} role="alertdialog" aria-label={blocked ? 'Deploy blocked' : 'Major version'}>
      {blocked ? (
        <>
          <p>
            <strong>
              Not deployed: Anvil finds {check.errors.length} error{check.errors.length === 1 ? '' : 's'} in the app.
            </strong>{' '}
            Fix them first; the Forge CLI checks the manifest too and refuses an invalid one.
          </p>
          <ul aria-label="Errors">
            {check.errors.map((problem, index) => (
              <li key={index}>
                {problem.file}:{problem.line} {problem.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {check.version?.major ? (
        <>
          <p>
            <strong>Major version: site admins must approve it</strong> before installations get it (compared with {check.version.base}).
          </p>
          <ApprovalReasons reasons={check.version.reasons} />
        </>
      ) : null}
      <div className="environment-actions">
        <button type="button" onClick={() => onDeploy(blocked)}>
          {blocked ? 'Deploy anyway' : 'Deploy major version'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
