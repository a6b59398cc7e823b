/** Campaigns: not built yet — shows what it will do. */
import { ComingScreen } from '../../components/ComingScreen.tsx';

export function CampaignsScreen() {
  return <ComingScreen area="campaigns" />;
}
