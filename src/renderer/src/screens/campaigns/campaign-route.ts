/** The campaign shown is part of the URL (`#/campaigns/<id>`), so a detail view survives reloads and links. */
import { useSyncExternalStore } from 'react';
import { hashForRoute, routeParamFromHash } from '../../routes.ts';
import { useRouteStore } from '../../stores/route.ts';

/** Shows one campaign (or, with null, the list). */
export function openCampaign(id: string | null): void {
  const hash = id === null ? hashForRoute('campaigns') : hashForRoute('campaigns', id);
  if (window.location.hash !== hash) window.location.hash = hash;
  useRouteStore.setState({ route: 'campaigns' });
  // jsdom and some browsers deliver hashchange later; listeners re-read the hash now.
  for (const l of listeners) l();
}

const listeners = new Set<() => void>();
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('hashchange', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('hashchange', listener);
  };
}

/** The campaign id in the URL, or null on the list. */
export function useCampaignParam(): string | null {
  return useSyncExternalStore(subscribe, () => routeParamFromHash(window.location.hash));
}
