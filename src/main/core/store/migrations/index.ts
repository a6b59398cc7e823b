import type { Migration } from './types.ts';
import { m0001Accounts } from './0001-accounts.ts';
import { m0002Contacts } from './0002-contacts.ts';
import { m0003Campaigns } from './0003-campaigns.ts';
import { m0004Monitoring } from './0004-monitoring.ts';
import { m0005Schedules } from './0005-schedules.ts';
import { m0006Audit } from './0006-audit.ts';
import { m0007ReportCounts } from './0007-report-counts.ts';
import { m0008DailyCountsInCode } from './0008-daily-counts-in-code.ts';
import { m0009ResponsiveStore } from './0009-responsive-store.ts';
import { m0010SingleMessagesAndTemplates } from './0010-single-messages-and-templates.ts';
import { m0011AccountHealth } from './0011-account-health.ts';
import { m0012InsightCounts } from './0012-insight-counts.ts';
import { m0013BoxPorts } from './0013-box-ports.ts';
import { m0014RepliesAndInboxRules } from './0014-replies-and-inbox-rules.ts';
import { m0015ComposeTools } from './0015-compose-tools.ts';

/** Every migration in order. Add a file `NNNN-area.ts` and append it here; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  m0001Accounts,
  m0002Contacts,
  m0003Campaigns,
  m0004Monitoring,
  m0005Schedules,
  m0006Audit,
  m0007ReportCounts,
  m0008DailyCountsInCode,
  m0009ResponsiveStore,
  m0010SingleMessagesAndTemplates,
  m0011AccountHealth,
  m0012InsightCounts,
  m0013BoxPorts,
  m0014RepliesAndInboxRules,
  m0015ComposeTools,
];
