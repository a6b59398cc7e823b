/** Which component renders each route. A screen is built in its own folder and registered here. */
import type { ComponentType } from 'react';
import type { RouteId } from '../routes.ts';
import { AccountsScreen } from './accounts/AccountsScreen.tsx';
import { CampaignsScreen } from './campaigns/CampaignsScreen.tsx';
import { ComposeScreen } from './compose/ComposeScreen.tsx';
import { ContactsScreen } from './contacts/ContactsScreen.tsx';
import { DashboardScreen } from './dashboard/DashboardScreen.tsx';
import { InsightScreen } from './insight/InsightScreen.tsx';
import { InboxScreen } from './inbox/InboxScreen.tsx';
import { MessagesScreen } from './messages/MessagesScreen.tsx';
import { SchedulesScreen } from './schedules/SchedulesScreen.tsx';
import { SettingsScreen } from './settings/SettingsScreen.tsx';
import { TemplatesScreen } from './templates/TemplatesScreen.tsx';

export const SCREENS: Record<RouteId, ComponentType> = {
  dashboard: DashboardScreen,
  insight: InsightScreen,
  compose: ComposeScreen,
  campaigns: CampaignsScreen,
  messages: MessagesScreen,
  inbox: InboxScreen,
  contacts: ContactsScreen,
  templates: TemplatesScreen,
  schedules: SchedulesScreen,
  accounts: AccountsScreen,
  settings: SettingsScreen,
};
