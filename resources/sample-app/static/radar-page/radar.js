// Issue Radar's Custom UI page. A built app would import { invoke, view } from '@forge/bridge';
// this page is plain files (no build step), so it calls the bridge the platform injects, which is
// exactly what @forge/bridge does underneath.
const callBridge = (name, payload) => globalThis.__bridge.callBridge(name, payload);

async function start() {
  const context = await callBridge('getContext');
  document.getElementById('where').textContent = `Project ${context.extension.project?.key ?? '?'} (${context.moduleKey})`;
  document.getElementById('load').addEventListener('click', async () => {
    const radar = await callBridge('invoke', { functionKey: 'getIssueRadar', payload: {} });
    document.getElementById('radar').textContent = `${radar.key}: ${radar.summary} (${radar.status})`;
  });
}

start().catch((error) => {
  document.getElementById('where').textContent = `The bridge failed: ${error.message}`;
});
