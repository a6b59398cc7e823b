/** Compose: not built yet — shows what it will do. */
import { ComingScreen } from '../../components/ComingScreen.tsx';

export function ComposeScreen() {
  return <ComingScreen area="compose" />;
}
