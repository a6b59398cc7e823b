/** Opens a saved draft, or a duplicated campaign, in Compose (a fresh test and timing, the form filled in). */
import type { SavedForm } from '../../../../shared/drafts.ts';
import { useComposeStore } from '../../stores/compose.ts';
import { useComposeTestStore } from '../../stores/compose-test.ts';
import { useComposeTimingStore } from '../../stores/compose-timing.ts';
import { useRouteStore } from '../../stores/route.ts';

export function openInCompose(form: SavedForm, draftId: string | null): void {
  useComposeTestStore.getState().reset();
  useComposeTimingStore.getState().reset();
  useComposeStore.getState().loadSaved(form, draftId);
  useRouteStore.getState().navigate('compose');
}
