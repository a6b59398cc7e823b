import type { Handlers } from '../../../shared/api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { monitoringMethods } from '../../../shared/contract/monitoring.ts';

type MonitoringHandlers = Pick<Handlers, keyof typeof monitoringMethods>;

const notYet = (): never => {
  throw new AppError('MONITORING_NOT_READY', 'Monitoring is not available in this build yet. Update the app and try again.');
};

/** Temporary: the contract is committed first so the screens can be built against it. */
export function createMonitoringHandlers(): MonitoringHandlers {
  return {
    receiverStatus: notYet,
    receiverConfigure: notYet,
    receiverRotateToken: notYet,
    boxPushGet: notYet,
    boxPushSetup: notYet,
    boxPushTest: notYet,
    messageLog: notYet,
    messageLogCount: notYet,
    messageLogExport: notYet,
    inboxThreads: notYet,
    inboxThread: notYet,
    inboxMarkRead: notYet,
    inboxReply: notYet,
    dashboardStats: notYet,
    dashboardAccounts: notYet,
  };
}
