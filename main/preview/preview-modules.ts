import type { PreviewModule } from '../../common/types';
import { modulesOf } from '../manifest';

/**
 * The manifest's UI modules (those with a `resource`): Custom UI ones can be previewed; UI Kit
 * (`render: native`) ones are drawn by the platform itself.
 */
export function previewModules(manifest: unknown): PreviewModule[] {
  const resources = new Map<string, { path: string | null; tunnelPort: number | null }>();
  const list = (manifest as { resources?: unknown } | null)?.resources;
  for (const resource of Array.isArray(list) ? (list as { key?: unknown; path?: unknown; tunnel?: { port?: unknown } }[]) : []) {
    if (typeof resource.key !== 'string') continue;
    resources.set(resource.key, { path: typeof resource.path === 'string' ? resource.path : null, tunnelPort: typeof resource.tunnel?.port === 'number' ? resource.tunnel.port : null });
  }
  return modulesOf(manifest).flatMap((module): PreviewModule[] => {
    if (module.key === null || typeof module.value.resource !== 'string') return [];
    const resource = resources.get(module.value.resource);
    return [
      {
        moduleKey: module.key,
        moduleType: module.type,
        title: typeof module.value.title === 'string' ? module.value.title : null,
        kind: module.value.render === 'native' ? 'ui-kit' : 'custom-ui',
        resourceKey: module.value.resource,
        resourcePath: resource?.path ?? null,
        tunnelPort: resource?.tunnelPort ?? null,
      },
    ];
  });
}
