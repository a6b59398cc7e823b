/**
 * i18next set up with every namespace bundled (the app is offline; nothing is fetched).
 * One namespace per area; English is the fallback. The language follows the `language` setting
 * (see `useLanguageFromSettings`).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAccounts from './en/accounts.json';
import enCampaigns from './en/campaigns.json';
import enContacts from './en/contacts.json';
import enCommon from './en/common.json';
import enCore from '../../../shared/i18n/en/core.json';
import enCompose from './en/compose.json';
import enNav from './en/nav.json';
import enSchema from '../../../shared/i18n/en/schema.json';
import enSettings from './en/settings.json';
import enSchedules from './en/schedules.json';
import enReceiver from './en/receiver.json';
import enMessages from './en/messages.json';
import enInbox from './en/inbox.json';
import enDashboard from './en/dashboard.json';
import enTemplates from './en/templates.json';
import enInsight from './en/insight.json';
import enPorts from './en/ports.json';
import zhAccounts from './zh/accounts.json';
import zhCampaigns from './zh/campaigns.json';
import zhContacts from './zh/contacts.json';
import zhCommon from './zh/common.json';
import zhCore from '../../../shared/i18n/zh/core.json';
import zhCompose from './zh/compose.json';
import zhNav from './zh/nav.json';
import zhSchema from '../../../shared/i18n/zh/schema.json';
import zhSettings from './zh/settings.json';
import zhSchedules from './zh/schedules.json';
import zhReceiver from './zh/receiver.json';
import zhMessages from './zh/messages.json';
import zhInbox from './zh/inbox.json';
import zhDashboard from './zh/dashboard.json';
import zhTemplates from './zh/templates.json';
import zhInsight from './zh/insight.json';
import zhPorts from './zh/ports.json';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = {
  en: { common: enCommon, nav: enNav, accounts: enAccounts, settings: enSettings, schema: enSchema, core: enCore, contacts: enContacts, compose: enCompose, campaigns: enCampaigns, messages: enMessages, inbox: enInbox, dashboard: enDashboard, insight: enInsight, receiver: enReceiver, schedules: enSchedules, ports: enPorts, templates: enTemplates },
  zh: { common: zhCommon, nav: zhNav, accounts: zhAccounts, settings: zhSettings, schema: zhSchema, core: zhCore, contacts: zhContacts, compose: zhCompose, campaigns: zhCampaigns, messages: zhMessages, inbox: zhInbox, dashboard: zhDashboard, insight: zhInsight, receiver: zhReceiver, schedules: zhSchedules, ports: zhPorts, templates: zhTemplates },
} as const;

export const NAMESPACES = Object.keys(resources.en) as Array<keyof (typeof resources)['en']>;

/** BCP 47 tag for `<html lang>` and Intl. */
export function localeOf(language: Language): string {
  return language === 'zh' ? 'zh-CN' : 'en';
}

export function initI18n(language: Language = 'en'): typeof i18next {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      ns: NAMESPACES,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  } else if (i18next.language !== language) {
    void i18next.changeLanguage(language);
  }
  return i18next;
}

export { i18next };
