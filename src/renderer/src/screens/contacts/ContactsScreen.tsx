/** Contacts: not built yet — shows what it will do. */
import { ComingScreen } from '../../components/ComingScreen.tsx';

export function ContactsScreen() {
  return <ComingScreen area="contacts" />;
}
