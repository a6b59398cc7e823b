/** Schedules: not built yet — shows what it will do. */
import { ComingScreen } from '../../components/ComingScreen.tsx';

export function SchedulesScreen() {
  return <ComingScreen area="schedules" />;
}
