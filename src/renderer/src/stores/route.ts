/**
 * The current screen, mirrored from `location.hash` (`#/accounts`). The hash is the source of truth:
 * `navigate` writes it, and the `hashchange` listener feeds the store, so typing a URL, going back,
 * and clicking a nav link all end up in the same place.
 */
import { create } from 'zustand';
import { hashForRoute, routeFromHash, type RouteId } from '../routes.ts';

interface RouteState {
  route: RouteId;
  navigate: (route: RouteId) => void;
}

export const useRouteStore = create<RouteState>()((set) => ({
  route: routeFromHash(window.location.hash),
  navigate: (route) => {
    const hash = hashForRoute(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ route });
  },
}));

/** Start following the URL; returns the stop function. */
export function followHash(): () => void {
  const sync = () => useRouteStore.setState({ route: routeFromHash(window.location.hash) });
  sync();
  window.addEventListener('hashchange', sync);
  return () => window.removeEventListener('hashchange', sync);
}
