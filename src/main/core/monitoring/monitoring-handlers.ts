import type { Handlers } from '../../../shared/api.ts';
import type { monitoringMethods } from '../../../shared/contract/monitoring.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AccountBalanceView, BoxPushState, BoxView } from '../../../shared/monitoring.ts';
import { dashboardHealth } from '../health/attention.ts';
import { readsOf } from '../store/reads.ts';
import type { CoreContext } from '../context.ts';
import type { GsmboxClient } from '../providers/gsmbox/client.ts';
import { createProviderService } from '../providers/service.ts';
import { secretGetter } from '../accounts/account-secrets.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import { createCounter } from '../store/counters.ts';
import { hostForBox, readBoxPush, setupBoxPush, type BoxPushEnv } from './box-push-setup.ts';
import { sendBoxPushTest } from './box-push-test.ts';
import type { Monitoring } from './create-monitoring.ts';
import { replyToThread } from './inbox-reply.ts';
import { withTemplateTexts } from '../campaigns/jsms-template-cache.ts';
import { unknownTemplates } from '../campaigns/sent-text.ts';
import { boxCapacityOf, watchedBalance } from '../campaigns/send-cost.ts';
import { leftUnderCap } from '../dispatch/sim-sends.ts';
import { portHealthOf } from '../box-ports/port-views.ts';

type MonitoringHandlers = Pick<Handlers, keyof typeof monitoringMethods>;

/** A balance was read and is under the threshold (an account that could not be asked is not "low"). */
const isLow = (amount: number | null, threshold: number) => amount !== null && amount < threshold;

export function createMonitoringHandlers(ctx: CoreContext, m: Monitoring): MonitoringHandlers {
  const accounts = new AccountsRepository(ctx.db);
  const providers = createProviderService({ fetch: ctx.fetch, clock: ctx.clock, nextSeq: createCounter(ctx.db, 'eims-seq') });

  function boxEnv(accountId: string): BoxPushEnv {
    const a = m.accountOf(accountId);
    if (!a || a.kind !== 'gsmbox') throw new AppError('ACCOUNT_NOT_FOUND', 'That GSM box account does not exist any more. Pick another account.');
    const status = m.receiver.status();
    return {
      client: m.clientOf(accountId) as GsmboxClient,
      accountId,
      boxUrl: a.baseUrl,
      receiver: { host: status.host, boundPort: status.boundPort, path: m.receiver.pushPath('box', accountId), token: m.receiver.token() },
      lastPushAt: status.lastPushAt.box,
    };
  }

  /** A box read back pointing here counts as set up (the dashboard stops asking for it). */
  const confirmed = (state: BoxPushState): BoxPushState => {
    if (state.pointsHere) m.health.confirmPush(state.accountId, ctx.clock.now());
    return state;
  };
  const listsCount = ctx.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM lists WHERE state = 'ready'`);
  const anyCampaign = ctx.db.prepare<[], { n: number }>(`SELECT EXISTS (SELECT 1 FROM campaigns) AS n`);

  return {
    receiverStatus: () => m.receiver.status(),
    receiverConfigure: async ({ host, port }) => {
      ctx.settings.update({ receiverHost: host, receiverPort: port });
      ctx.emit('settingsChanged', ctx.settings.get());
      return m.receiver.restart();
    },
    receiverRotateToken: () => m.receiver.rotate(),

    boxPushGet: async ({ accountId }) => {
      const env = boxEnv(accountId);
      return confirmed(await readBoxPush(env, hostForBox(env.boxUrl, env.receiver.host)));
    },
    boxPushSetup: async ({ accountId, host, reportsEnable, resultsEnable }) => confirmed(await setupBoxPush(boxEnv(accountId), { host, reportsEnable, resultsEnable })),
    boxPushTest: async (input) => sendBoxPushTest(ctx, m, input),

    messageLog: ({ cursor, limit, ...filter }) =>
      withTemplateTexts(
        m.campaigns.templates,
        () => m.messageLog.page(filter, cursor, limit),
        (page) => unknownTemplates(page.rows.map((r) => r.template)),
      ),
    messageLogCount: (filter) => readsOf(ctx).page('messageLogCount', { filter, countryCode: m.countryCode() }),
    messageLogExport: ({ format, ...filter }) =>
      readsOf(ctx).file('exportMessageLog', { filter, countryCode: m.countryCode(), format, baseName: `messages-${new Date(ctx.clock.now()).toISOString().slice(0, 10)}` }),

    inboxThreads: (q) =>
      withTemplateTexts(
        m.campaigns.templates,
        () => readsOf(ctx).page('inboxThreads', q),
        (page) => unknownTemplates(page.threads.map((t) => t.lastTemplate)),
      ),
    inboxThread: (q) =>
      withTemplateTexts(
        m.campaigns.templates,
        () => m.inbox.thread(q),
        (page) => unknownTemplates(page.items.map((i) => (i.kind === 'out' ? i.template : null))),
      ),
    inboxMarkRead: ({ number }) => ({ unreadTotal: m.inbox.markRead(number) }),
    inboxReply: (input) => replyToThread(m, input),

    dashboardStats: () => m.dashboard.stats(ctx.clock.now()),
    dashboardHealth: () => {
      const now = ctx.clock.now();
      return dashboardHealth({
        receiver: m.receiver.status(),
        accounts: accounts.list().map((row) => ({ ...row.config, id: row.id })),
        health: m.health.all(),
        sentTodayByPort: (id) => m.dashboard.sentTodayByPort(id, now),
        lists: listsCount.get()!.n,
        sent: anyCampaign.get()!.n === 1,
        now,
      });
    },
    dashboardAccounts: async () => {
      const threshold = ctx.settings.get().lowBalanceThreshold;
      const balances: AccountBalanceView[] = [];
      const boxes: BoxView[] = [];
      await Promise.all(
        accounts.list().map(async (row) => {
          const account = { ...row.config, id: row.id };
          const check = await providers.testConnection(account, secretGetter(ctx.secrets, account));
          m.health.recordTest(account.id, check.checkedAt, check.ok, check.error);
          const error = check.error ?? null;
          if (account.kind === 'gsmbox') {
            const sent = m.dashboard.sentTodayByPort(account.id, ctx.clock.now());
            const cap = account.dailyCapPerSim;
            const capacity = boxCapacityOf({ ports: check.ports, sentToday: sent, dailyCap: cap });
            const health = await portHealthOf(ctx, m.ports, account.id, check.ports.map((p) => p.port));
            boxes.push({
              accountId: account.id,
              name: account.name,
              reachable: check.ok,
              error,
              ports: check.ports.map((p) => {
                const sentToday = sent.get(p.port) ?? 0;
                return { port: p.port, name: p.name, available: p.available, sentToday, cap, leftToday: leftUnderCap(cap, sentToday), health: health.get(p.port)! };
              }),
              leftToday: capacity?.leftToday ?? null,
              checkedAt: check.checkedAt,
            });
          } else {
            balances.push({
              accountId: account.id,
              name: account.name,
              provider: account.kind,
              balances: check.balances,
              low: isLow(watchedBalance(account.kind, check.balances), threshold),
              error,
              checkedAt: check.checkedAt,
            });
          }
        }),
      );
      balances.sort((a, b) => a.name.localeCompare(b.name));
      boxes.sort((a, b) => a.name.localeCompare(b.name));
      return { balances, boxes };
    },
  };
}
