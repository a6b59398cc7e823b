/** The screens of the app, in navbar order. The hash `#/<id>` selects one (so e2e tests can navigate by URL). */
export const ROUTE_IDS = [
  'dashboard',
  'insight',
  'compose',
  'campaigns',
  'messages',
  'inbox',
  'contacts',
  'templates',
  'schedules',
  'accounts',
  'settings',
] as const;
export type RouteId = (typeof ROUTE_IDS)[number];

export const DEFAULT_ROUTE: RouteId = 'dashboard';

export function isRouteId(value: string): value is RouteId {
  return (ROUTE_IDS as readonly string[]).includes(value);
}

/** `#/accounts` → 'accounts'; anything unknown → the default route. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isRouteId(id) ? id : DEFAULT_ROUTE;
}

/** `#/campaigns/c-12` → 'c-12': the item a screen shows (null when the hash names only the screen). */
export function routeParamFromHash(hash: string): string | null {
  const param = hash.replace(/^#\/?/, '').split('?')[0]?.split('/')[1] ?? '';
  return param === '' ? null : decodeURIComponent(param);
}

export function hashForRoute(id: RouteId, param?: string): string {
  return param === undefined ? `#/${id}` : `#/${id}/${encodeURIComponent(param)}`;
}
