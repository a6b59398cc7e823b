/** One icon per screen, for the navbar (the only thing shown of it when the window is narrow). */
import {
  IconAddressBook,
  IconChartBar,
  IconCalendarClock,
  IconInbox,
  IconLayoutDashboard,
  IconListDetails,
  IconPencil,
  IconPlugConnected,
  IconSettings,
  IconSpeakerphone,
  IconTemplate,
  type Icon,
} from '@tabler/icons-react';
import type { RouteId } from './routes.ts';

export const NAV_ICONS: Record<RouteId, Icon> = {
  dashboard: IconLayoutDashboard,
  insight: IconChartBar,
  compose: IconPencil,
  campaigns: IconSpeakerphone,
  messages: IconListDetails,
  inbox: IconInbox,
  contacts: IconAddressBook,
  templates: IconTemplate,
  schedules: IconCalendarClock,
  accounts: IconPlugConnected,
  settings: IconSettings,
};
