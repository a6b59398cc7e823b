/** Messages: not built yet — shows what it will do. */
import { ComingScreen } from '../../components/ComingScreen.tsx';

export function MessagesScreen() {
  return <ComingScreen area="messages" />;
}
