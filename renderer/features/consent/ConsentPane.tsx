import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import { manifestOverLimit, manifestTooLargeFor } from '../../../common/manifest-size';
import type { CloudOverview, ConsentBase, ConsentBases, ConsentPreview, ConsentScreen, UpgradeDiff } from '../../../common/types';
import { useNewestAnswer } from '../../ui/useNewestAnswer';

interface Props {
  bridge: AnvilBridge;
  /** The manifest as it stands in the editor, saved or not. */
  text: string | null;
  environment: string;
}

const PREVIEW_DELAY_MS = 150;
const PRODUCT_NAMES: Record<string, string> = { jira: 'Jira', confluence: 'Confluence', compass: 'Compass', bitbucket: 'Bitbucket', app: 'App-wide' };

/** The screen a site admin sees on install, live from the editor, and what an upgrade asks them to approve again. */
export function ConsentPane({ bridge, text, environment }: Props) {
  const [product, setProduct] = useState<string | undefined>(undefined);
  const [baseChoice, setBaseChoice] = useState('none');
  const [bases, setBases] = useState<ConsentBases>({ snapshot: null, gitRevisions: [] });

  const refreshBases = () => void bridge.listConsentBases().then(setBases, () => undefined);
  useEffect(refreshBases, [bridge]);
  // The app's installations on the Forge platform, asked only when the user goes to the base picker
  // (the core reuses a recent answer, so going back to it does not ask the platform again).
  const [cloud, setCloud] = useState<CloudOverview | null>(null);
  const cloudAsking = useRef(false);
  const askCloud = () => {
    if (cloudAsking.current) return;
    cloudAsking.current = true;
    void bridge
      .getCloudOverview({ refresh: false })
      .then(setCloud, () => undefined)
      .finally(() => {
        cloudAsking.current = false;
      });
  };
  const installed = cloud?.status === 'ready' ? cloud.installations.filter((installation) => installation.version !== null) : [];

  // One preview at a time, of the newest text and choices; an answer to older text is never shown.
  // A text over the platform's limit is not sent: the core would only refuse it, and this says why.
  const ask = useMemo(
    () =>
      text === null
        ? null
        : (): Promise<ConsentPreview | { tooLarge: string }> => {
            const bytes = manifestOverLimit(text);
            if (bytes !== null) return Promise.resolve({ tooLarge: manifestTooLargeFor(bytes, 'install screen') });
            return bridge.previewConsent({ text, product, environment, base: baseOf(baseChoice) });
          },
    // A new list of bases (a snapshot just saved) asks again even when the chosen base keeps its name.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [bridge, text, product, environment, baseChoice, bases],
  );
  const { answer, error } = useNewestAnswer(ask, PREVIEW_DELAY_MS);
  const tooLarge = answer && 'tooLarge' in answer ? answer.tooLarge : null;
  const preview = answer && !('tooLarge' in answer) ? answer : null;

  const saveSnapshot = async () => {
    if (text === null) return;
    await bridge.saveConsentSnapshot({ text });
    refreshBases();
    setBaseChoice('snapshot');
  };

  return (
    <div className="consent-pane">
      <div className="consent-controls">
        <label>
          Installing into
          <select aria-label="Product" value={product ?? preview?.screen.products[0] ?? ''} onChange={(event) => setProduct(event.target.value)}>
            {(preview?.screen.availableProducts ?? []).map((candidate) => (
              <option key={candidate} value={candidate}>
                {PRODUCT_NAMES[candidate] ?? candidate}
              </option>
            ))}
          </select>
        </label>
        <label>
          Compare with
          <select aria-label="Installed version" value={baseChoice} onChange={(event) => setBaseChoice(event.target.value)} onFocus={askCloud} onMouseDown={askCloud}>
            <option value="none">nothing (first install)</option>
            {bases.snapshot ? <option value="snapshot">snapshot saved {bases.snapshot.savedAt.slice(0, 16).replace('T', ' ')}</option> : null}
            {bases.gitRevisions.map((revision) => (
              <option key={revision} value={`git:${revision}`}>
                git {revision}
              </option>
            ))}
            {installed.length > 0 ? (
              <optgroup label="Installed in the cloud">
                {installed.map((installation) => (
                  <option key={installation.id} value={`installation:${installation.id}`}>
                    version {installation.version} on {installation.site} ({installation.environment})
                  </option>
                ))}
              </optgroup>
            ) : null}
            {cloud?.status === 'no-login' ? <option disabled>cloud installations: add your Atlassian login in Credentials</option> : null}
          </select>
        </label>
        <button type="button" onClick={() => void saveSnapshot()} disabled={text === null}>
          Save as installed version
        </button>
      </div>
      {error ? (
        <div className="banner error" role="alert">
          {error}
        </div>
      ) : null}
      {tooLarge && !error ? (
        <p className="pane-empty" role="note">
          {tooLarge}
        </p>
      ) : null}
      {preview?.upgrade ? <UpgradeView upgrade={preview.upgrade} /> : null}
      {preview ? (
        <InstallScreen screen={preview.screen} title={`${preview.screen.app.name} wants to be installed`} />
      ) : error || tooLarge ? null : (
        <p className="muted">Preparing the install screen…</p>
      )}
    </div>
  );
}

function baseOf(choice: string): ConsentBase | undefined {
  if (choice === 'snapshot') return { kind: 'snapshot' };
  if (choice.startsWith('git:')) return { kind: 'git', revision: choice.slice(4) };
  if (choice.startsWith('installation:')) return { kind: 'installation', installation: choice.slice('installation:'.length) };
  return undefined;
}

function UpgradeView({ upgrade }: { upgrade: UpgradeDiff }) {
  const added = Object.values(upgrade.added).flat();
  const removed = Object.values(upgrade.removed).flat();
  return (
    <section className={`upgrade ${upgrade.major ? 'major' : 'minor'}`} aria-label="Upgrade">
      <h3>{upgrade.major ? 'Major version: site admins must approve this upgrade' : 'Minor version: installed sites get it without a new approval'}</h3>
      <p className="muted">Compared with {upgrade.base}</p>
      {upgrade.reasons.length > 0 ? (
        <ul className="upgrade-reasons" aria-label="Why it needs approval">
          {upgrade.reasons.map((reason) => (
            <li key={reason}>It {reason}.</li>
          ))}
        </ul>
      ) : null}
      <ul className="upgrade-changes">
        {added.map((item) => (
          <li key={`+${item}`} className="added">
            + {item}
          </li>
        ))}
        {removed.map((item) => (
          <li key={`-${item}`} className="removed">
            − {item}
          </li>
        ))}
      </ul>
      {upgrade.major && upgrade.screen.permissions.length > 0 ? <InstallScreen screen={upgrade.screen} title="The upgrade screen asks only for what is new" onlyNew /> : null}
    </section>
  );
}

function InstallScreen({ screen, title, onlyNew = false }: { screen: ConsentScreen; title: string; onlyNew?: boolean }) {
  const products = [...new Set(screen.permissions.map((permission) => permission.product))];
  return (
    <section className="install-screen" aria-label={title}>
      <h3>{title}</h3>
      <p className="muted">
        {screen.app.environment} environment · installs into {screen.products.map((product) => PRODUCT_NAMES[product] ?? product).join(', ') || 'no product'}
      </p>
      {products.map((product) => (
        <div key={product} className="consent-card">
          <h4>{product === 'app' ? 'Everywhere the app is installed' : `In ${PRODUCT_NAMES[product] ?? product}, it can`}</h4>
          <ul>
            {screen.permissions
              .filter((permission) => permission.product === product)
              .map((permission) => (
                <li key={permission.scope} className={permission.powerful ? 'powerful' : undefined} data-scope={permission.scope}>
                  <strong>{permission.title ?? permission.scope}</strong> {permission.powerful ? <span className={`power power-${permission.power}`}>{permission.power}</span> : null}
                  <div>{permission.description}</div>
                  <code className="muted">{permission.scope}</code>
                </li>
              ))}
          </ul>
        </div>
      ))}
      <div className="consent-card">
        <h4>Data that may leave Atlassian</h4>
        {screen.egress.length === 0 ? <p className="muted">{onlyNew ? 'Nothing new.' : 'None: the app sends nothing outside Atlassian.'}</p> : null}
        <ul>
          {screen.egress.map((entry) => (
            <li key={`${entry.kind}-${entry.address}`} className={entry.global ? 'powerful' : undefined}>
              {entry.kind}: <code>{entry.address}</code>
              {entry.global ? ' — any site on the internet' : ''}
              {entry.analytics ? ' (analytics; admins can turn it off)' : ''}
            </li>
          ))}
        </ul>
      </div>
      {screen.providers.length > 0 ? (
        <div className="consent-card">
          <h4>External accounts it connects to</h4>
          <ul>
            {screen.providers.map((provider) => (
              <li key={provider.key}>
                {provider.name} {provider.scopes.length > 0 ? <span className="muted">({provider.scopes.join(', ')})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {onlyNew ? null : (
        <div className="consent-card">
          <h4>Users</h4>
          <p>{screen.userConsent ? `Each user is asked to consent too: ${screen.userConsentReasons.join('; ')}.` : 'Users are not asked one by one; the admin approves for the site.'}</p>
        </div>
      )}
      {screen.capabilities.length > 0 ? (
        <div className="consent-card">
          <h4>With no one watching, it</h4>
          <ul>
            {screen.capabilities.map((capability) => (
              <li key={capability.text}>{capability.text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {screen.contentSecurity.length > 0 || screen.licensing ? (
        <div className="consent-card">
          <h4>Other</h4>
          <ul>
            {screen.contentSecurity.map((option) => (
              <li key={option}>Custom UI content option: {option}</li>
            ))}
            {screen.licensing ? <li>Paid app: licensing is on</li> : null}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
