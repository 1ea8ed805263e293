import type { ReactNode } from 'react';
import type { CloudOverview } from '../../../common/types';

const PRODUCT_NAMES: Record<string, string> = { jira: 'Jira', confluence: 'Confluence', compass: 'Compass', bitbucket: 'Bitbucket' };

/** A platform timestamp as a short date and time; the text itself when it is not one. */
function when(value: string): string {
  const time = Date.parse(value);
  // The Forge CLI reads some of these as epoch milliseconds in a string.
  const parsed = Number.isNaN(time) && /^\d+$/.test(value) ? Number(value) : time;
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * One titled section with a table of `columns`; `empty` (a table row saying what the list is for)
 * stands in for the rows when there are none.
 */
function CloudTable({ id, title, columns, empty, children }: { id: string; title: string; columns: string[]; empty: string | null; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <table className="cloud-table" aria-labelledby={id}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty !== null ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          ) : null}
          {children}
        </tbody>
      </table>
    </section>
  );
}

/** The overview's three lists as tables, each saying what it is for when empty. */
export function CloudTables({ overview }: { overview: CloudOverview }) {
  return (
    <div className="cloud-sections">
      <CloudTable
        id="cloud-installations-title"
        title="Installations"
        columns={['Site', 'Product', 'Environment', 'Version', 'Latest']}
        empty={overview.installations.length === 0 ? 'Not installed anywhere yet. Run forge install in the Terminal to install the app on a site.' : null}
      >
        {overview.installations.map((installation) => (
          <tr key={installation.id} data-installation={installation.id}>
            <th scope="row">{installation.site}</th>
            <td>{PRODUCT_NAMES[installation.product] ?? installation.product}</td>
            <td>{installation.environment}</td>
            <td>{installation.version ?? <span className="muted">unknown</span>}</td>
            <td>{installation.isLatest ? 'yes' : <span className="cloud-behind">no: a newer version is deployed</span>}</td>
          </tr>
        ))}
      </CloudTable>

      <CloudTable
        id="cloud-environments-title"
        title="Environments"
        columns={['Environment', 'Key', 'Type', 'Created']}
        empty={overview.environments.length === 0 ? 'The platform lists no environments for this app.' : null}
      >
        {overview.environments.map((environment) => (
          <tr key={environment.key}>
            <th scope="row">{environment.name}</th>
            <td>
              <code>{environment.key}</code>
            </td>
            <td>{environment.type.toLowerCase()}</td>
            <td>{when(environment.createdAt)}</td>
          </tr>
        ))}
      </CloudTable>

      {overview.versions.map(({ environment, versions }) =>
        versions.length === 0 ? (
          <section key={environment} aria-labelledby={`cloud-versions-${environment}`}>
            <h3 id={`cloud-versions-${environment}`}>Versions in {environment}</h3>
            <p className="muted">Nothing deployed to {environment} yet; forge deploy puts a version there.</p>
          </section>
        ) : (
          <CloudTable key={environment} id={`cloud-versions-${environment}`} title={`Versions in ${environment}`} columns={['Version', 'Deployed', 'Latest']} empty={null}>
            {versions.map((version) => (
              <tr key={version.version}>
                <th scope="row">{version.version}</th>
                <td>{when(version.createdAt)}</td>
                <td>{version.isLatest ? 'yes: new installations get it' : ''}</td>
              </tr>
            ))}
          </CloudTable>
        ),
      )}
    </div>
  );
}
