/** Inbox: not built yet — shows what it will do. */
import { ComingScreen } from '../../components/ComingScreen.tsx';

export function InboxScreen() {
  return <ComingScreen area="inbox" />;
}
