import Resolver from '@forge/resolver';
import api, { fetch, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { Queue } from '@forge/events';

// The repository whose newest release the panel shows.
const REPOSITORY = 'nodejs/node';
const LATEST_RELEASE_KEY = 'latest-release';
const LAST_DEPLOYMENT_KEY = 'last-deployment';
const RADAR_KEY = 'radar';
const radarUpdates = new Queue({ key: 'radar-updates' });

const resolver = new Resolver();

// Called by the issue panel: the issue as Jira has it, plus what the triggers stored.
resolver.define('getIssueRadar', async ({ context }) => {
  const issueKey = context.extension.issue.key;
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary,status,labels`);
  if (!response.ok) {
    throw new Error(`Jira answered ${response.status} for issue ${issueKey}`);
  }
  const issue = await response.json();
  return {
    key: issue.key,
    summary: issue.fields.summary,
    status: issue.fields.status?.name ?? 'Unknown',
    labels: issue.fields.labels ?? [],
    latestRelease: (await kvs.get(LATEST_RELEASE_KEY)) ?? null,
    lastDeployment: (await kvs.get(LAST_DEPLOYMENT_KEY)) ?? null,
    radar: (await kvs.get(RADAR_KEY)) ?? [],
  };
});

export const handler = resolver.getDefinitions();

// Scheduled trigger (daily): remember the newest release of REPOSITORY.
export async function checkReleases() {
  const response = await fetch(`https://api.github.com/repos/${REPOSITORY}/releases/latest`, {
    headers: { Accept: 'application/vnd.github+json' },
  });
  if (!response.ok) {
    console.warn(`GitHub answered ${response.status}; keeping the release we had`);
    return;
  }
  const release = await response.json();
  await kvs.set(LATEST_RELEASE_KEY, { name: release.name, tag: release.tag_name, publishedAt: release.published_at });
  console.log(`Latest release of ${REPOSITORY}: ${release.tag_name}`);
}

// Web trigger: CI posts {"version": "...", "environment": "..."} after each deployment.
export async function recordDeployment(request) {
  let deployment;
  try {
    deployment = JSON.parse(request.body ?? '');
  } catch {
    return { statusCode: 400, headers: { 'Content-Type': ['text/plain'] }, body: 'Send a JSON body: {"version": "...", "environment": "..."}' };
  }
  if (typeof deployment.version !== 'string') {
    return { statusCode: 400, headers: { 'Content-Type': ['text/plain'] }, body: 'The body needs a "version" string' };
  }
  await kvs.set(LAST_DEPLOYMENT_KEY, { version: deployment.version, environment: deployment.environment ?? 'unknown', at: new Date().toISOString() });
  return { statusCode: 204, headers: {}, body: '' };
}

// Product event: a new issue is queued for the radar (the consumer does the slower work).
export async function onIssueCreated(event) {
  const { jobId } = await radarUpdates.push({ body: { issueKey: event.issue.key, summary: event.issue.fields?.summary ?? '' } });
  console.log(`Queued ${event.issue.key} for the radar (job ${jobId})`);
}

// Queue consumer: add the issue to the radar list, newest first, at most ten.
export async function addToRadar(event) {
  const radar = (await kvs.get(RADAR_KEY)) ?? [];
  const entry = { key: event.body.issueKey, summary: event.body.summary };
  await kvs.set(RADAR_KEY, [entry, ...radar.filter((item) => item.key !== entry.key)].slice(0, 10));
  console.log(`Radar now has ${Math.min(radar.length + 1, 10)} issue(s)`);
}
