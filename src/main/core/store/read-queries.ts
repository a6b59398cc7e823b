import type Database from 'better-sqlite3';
import type { ProviderKind } from '../../../shared/accounts.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ExportFormat, FileDownload } from '../../../shared/contact-lists.ts';
import type { MessageLogFilter } from '../../../shared/monitoring.ts';
import { campaignMessagesPage, campaignResultRows, type CampaignMessagesQuery } from '../campaigns/campaign-messages.ts';
import { contactsTable, messageResultsTable } from '../contacts/export/table.ts';
import { reportDownload, tableDownload } from '../contacts/file-download.ts';
import { ContactsRepository } from '../contacts/store/contacts-repository.ts';
import { ListsRepository } from '../contacts/store/lists-repository.ts';
import { OptOutsRepository } from '../contacts/store/opt-outs-repository.ts';
import { createInbox } from '../monitoring/inbox.ts';
import { createMessageLog } from '../monitoring/message-log.ts';
import { stageBackup, writeBackup } from '../backup/backup-jobs.ts';
import type { InsightRange } from '../../../shared/insight.ts';
import { createInsightQueries, insightReport } from '../insight/insight-queries.ts';
import { insightSheets } from '../insight/insight-export.ts';
import { boxPortStats, type PortStatsQuery } from '../box-ports/port-stats.ts';
import { moveSummary } from '../campaigns/move-summary.ts';

/**
 * The reads whose cost grows with the data — counts and searches that scan, list sizes, exports — as
 * plain functions of a connection. The read worker (read-worker.ts) serves them on its own read-only
 * connection, so main's event loop never waits for one; without a worker (a context with no database
 * file) they run in place on main's connection. Each sees the committed state at the time it runs.
 */
export function createReadQueries(db: Database.Database) {
  const lists = new ListsRepository(db);
  const contacts = new ContactsRepository(db);
  const optOuts = new OptOutsRepository(db);
  const inbox = createInbox(db);
  const insight = createInsightQueries(db);
  const logs = new Map<string, ReturnType<typeof createMessageLog>>();
  /** The message log for a default region's calling code (it turns national numbers into E.164). */
  const log = (countryCode: string) => {
    let l = logs.get(countryCode);
    if (!l) logs.set(countryCode, (l = createMessageLog(db, () => countryCode)));
    return l;
  };

  return {
    listsList: () => lists.list(),
    listView: (q: { id: string }) => {
      const view = lists.view(q.id);
      if (!view) throw new AppError('CONTACTS_LIST_NOT_FOUND', 'That list no longer exists. It may have been deleted or merged in another window; refresh the lists.');
      return view;
    },
    contactsSearch: (q: { query: string; listId?: string | undefined; offset: number; limit: number }) => contacts.search(q.query, q.listId, q.offset, q.limit),
    optOutsList: (q: { query: string; offset: number; limit: number }) => optOuts.page(q.query, q.offset, q.limit),
    messageLogCount: (q: { filter: MessageLogFilter; countryCode: string }) => ({ total: log(q.countryCode).count(q.filter) }),
    campaignMessages: (q: CampaignMessagesQuery) => campaignMessagesPage(db, q),
    campaignMoveSummary: (q: Parameters<typeof moveSummary>[1]) => moveSummary(db, q),
    inboxThreads: (q: Parameters<typeof inbox.threads>[0]) => inbox.threads(q),
    insightReport: (q: InsightRange) => insightReport(insight, q),
    boxPortStats: (q: PortStatsQuery) => boxPortStats(db, q),

    exportMessageLog: (q: { filter: MessageLogFilter; countryCode: string; format: ExportFormat; baseName: string }): Promise<FileDownload> =>
      tableDownload(messageResultsTable(log(q.countryCode).exportRows(q.filter)), q.format, q.baseName, 'Messages'),
    exportCampaign: (q: { id: string; name: string; provider: ProviderKind; accountName: string; format: ExportFormat }): Promise<FileDownload> =>
      tableDownload(messageResultsTable(campaignResultRows(db, q.id, q)), q.format, `${q.name} results`, 'Results'),
    exportList: (q: { id: string; name: string; format: ExportFormat }): Promise<FileDownload> => {
      const members = contacts.listMembers(q.id);
      const variables = [...new Set(members.flatMap((m) => Object.keys(m.vars)))];
      return tableDownload(contactsTable(members, variables), q.format, q.name, q.name);
    },
    exportInsight: (q: { range: InsightRange; baseName: string }): FileDownload => reportDownload(insightSheets(insightReport(insight, q.range)), q.baseName),
    backupCreate: (q: Parameters<typeof writeBackup>[1]) => writeBackup(db, q),
    backupStage: (q: Parameters<typeof stageBackup>[0]) => stageBackup(q),
    exportOptOuts: (q: { format: ExportFormat }): Promise<FileDownload> =>
      tableDownload(
        { headers: ['phone', 'source', 'note', 'added_at'], rows: optOuts.all().map((r) => [r.e164, r.source, r.note, new Date(r.createdAt).toISOString()]) },
        q.format,
        'opt-outs',
        'Opt-outs',
      ),
  };
}

export type ReadQueries = ReturnType<typeof createReadQueries>;
