import { z } from 'zod';
import { event, method } from './define.ts';
import type { FileDownload } from '../contact-lists.ts';
import type { DashboardHealth } from '../health.ts';
import {
  boxPushAccountSchema,
  boxPushSetupSchema,
  boxPushTestSchema,
  inboxMarkReadSchema,
  inboxReplySchema,
  inboxThreadSchema,
  inboxThreadsSchema,
  messageLogExportSchema,
  messageLogFilterSchema,
  messageLogQuerySchema,
  receiverConfigureSchema,
  type BoxPushState,
  type BoxPushTestResult,
  type DashboardAccounts,
  type DashboardStats,
  type InboundReceivedEvent,
  type InboxReplyResult,
  type InboxThreadPage,
  type InboxThreadsPage,
  type MessageLogPage,
  type MessagesChangedEvent,
  type ReceiverStatus,
} from '../monitoring.ts';

export const monitoringMethods = {
  /** Where the receiver listens, whether it could bind, the exact URL per provider account, and this PC's interfaces. */
  receiverStatus: method<ReceiverStatus>()(z.void()),
  /** Saves the address/port and restarts the receiver on them; a port in use is `state: 'error'`, not a thrown error. */
  receiverConfigure: method<ReceiverStatus>()(receiverConfigureSchema),
  /** A new token: every push URL changes (providers must be given the new ones; boxes set up again). */
  receiverRotateToken: method<ReceiverStatus>()(z.void()),

  /** Reads the box's push settings and says whether they point at this app. */
  boxPushGet: method<BoxPushState>()(boxPushAccountSchema),
  /** Writes the box's push settings (set_config) to point here, reads them back and confirms. */
  boxPushSetup: method<BoxPushState>()(boxPushSetupSchema),
  /** Sends one SMS through the box and waits for its pushed result. */
  boxPushTest: method<BoxPushTestResult>()(boxPushTestSchema),

  /** Every message, newest first, filtered; keyset paging (`cursor`). */
  messageLog: method<MessageLogPage>()(messageLogQuerySchema),
  /** How many messages match the filter (a separate call: counting is slower than a page). */
  messageLogCount: method<{ total: number }>()(messageLogFilterSchema),
  messageLogExport: method<FileDownload>()(messageLogExportSchema),

  /** Conversations per number, newest first, with unread counts. */
  inboxThreads: method<InboxThreadsPage>()(inboxThreadsSchema),
  /** One conversation: inbound SMS and what was sent to that number, merged, newest first. */
  inboxThread: method<InboxThreadPage>()(inboxThreadSchema),
  inboxMarkRead: method<{ unreadTotal: number }>()(inboxMarkReadSchema),
  /** Sends a reply as a one-recipient campaign (opt-outs still apply). */
  inboxReply: method<InboxReplyResult>()(inboxReplySchema),

  /** Counts from the ledger: today, week, funnel, per day per provider, recent campaigns. Fast. */
  dashboardStats: method<DashboardStats>()(z.void()),
  /** What needs attention (receiver, box pushes, failed connection tests, SIMs at their cap) and the first-run steps done. Asks no provider. */
  dashboardHealth: method<DashboardHealth>()(z.void()),
  /** Balances with low-balance flags and box ports with sent today per SIM (asks the providers). */
  dashboardAccounts: method<DashboardAccounts>()(z.void()),
};

export const monitoringEvents = {
  /** Coalesced: message states changed (pushes, polls, sending). */
  messagesChanged: event<MessagesChangedEvent>(),
  inboundReceived: event<InboundReceivedEvent>(),
  receiverStatus: event<ReceiverStatus>(),
  /** A port of the box was taken out of rotation, tried, put back, or its SIM changed (issue 19). */
  boxPortsChanged: event<{ accountId: string }>(),
};
