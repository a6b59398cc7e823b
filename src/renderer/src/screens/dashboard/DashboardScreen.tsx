/** Dashboard: not built yet — shows what it will do. */
import { ComingScreen } from '../../components/ComingScreen.tsx';

export function DashboardScreen() {
  return <ComingScreen area="dashboard" />;
}
