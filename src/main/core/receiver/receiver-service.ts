import type { ProviderKind } from '../../../shared/accounts.ts';
import { AppError } from '../../../shared/errors.ts';
import type { PushSource, PushUrl, ReceiverStatus } from '../../../shared/monitoring.ts';
import type { SecretStore } from '../ports.ts';
import { createFileOffers, type FileOffer } from './file-offers.ts';
import { advertisedHost, listInterfaces, reachabilityOf } from './network.ts';
import { loadOrCreateToken, rotateToken } from './push-token.ts';
import { createReceiverServer, type PushReply, type PushRequest, type ReceiverLimits, type ReceiverServer } from './receiver-server.ts';

/**
 * The receiver as the rest of the core sees it: started by core.start() on the address/port from the
 * settings, its status (bound, or why not — in a sentence), the exact URL per provider account, and
 * files offered to providers by URL. A port in use is a status, never a crash.
 */

export interface ReceiverServiceDeps {
  secrets: SecretStore;
  now: () => number;
  /** The address/port the user chose. */
  bind(): { host: string; port: number };
  accounts(): { id: string; name: string; kind: ProviderKind }[];
  onPush(req: PushRequest): Promise<PushReply> | PushReply;
  onStatus(status: ReceiverStatus): void;
  onError(err: unknown): void;
  limits?: Partial<ReceiverLimits>;
}

const SOURCE_OF: Record<ProviderKind, PushSource> = { eims: 'eims', gsmbox: 'box', jsms: 'jsms' };

function bindError(err: unknown, host: string, port: number): AppError {
  const code = (err as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    return new AppError('RECEIVER_PORT_IN_USE', `Port ${port} is already used by another program on this PC. Pick another port for the receiver, or close that program.`);
  }
  if (code === 'EADDRNOTAVAIL') {
    return new AppError('RECEIVER_ADDRESS_GONE', `This PC no longer has the address ${host} (the network changed?). Pick one of the listed addresses.`);
  }
  if (code === 'EACCES') {
    return new AppError('RECEIVER_PORT_DENIED', `This PC does not allow the app to listen on port ${port}. Pick a port above 1024.`);
  }
  return new AppError('RECEIVER_FAILED', `The receiver could not start on ${host}:${port}. Pick another address or port and try again.`);
}

export function createReceiverService(deps: ReceiverServiceDeps) {
  const files = createFileOffers(deps.now);
  let token = '';
  let server: ReceiverServer | null = null;
  let state: ReceiverStatus['state'] = 'stopped';
  let boundPort: number | null = null;
  let error: AppError | null = null;
  let accepted = 0;
  let refused = 0;
  const lastPushAt: Record<PushSource, number | null> = { eims: null, box: null, jsms: null };
  let statusTimer: ReturnType<typeof setTimeout> | null = null;

  function baseUrl(): string {
    const { host } = deps.bind();
    const adv = advertisedHost(host, listInterfaces());
    const shown = adv.includes(':') ? `[${adv}]` : adv;
    return `http://${shown}:${boundPort ?? deps.bind().port}`;
  }

  function pushPath(source: PushSource, accountId: string): string {
    return `/push/${token}/${source}/${accountId}`;
  }

  function status(): ReceiverStatus {
    const { host, port } = deps.bind();
    const interfaces = listInterfaces();
    const adv = advertisedHost(host, interfaces);
    const reach = reachabilityOf(adv);
    const urls: PushUrl[] = deps.accounts().map((a) => {
      const warning =
        reach === 'loopback' && a.kind !== 'jsms' && a.kind !== 'eims'
          ? 'The receiver listens on this PC only; the box cannot reach it. Pick a LAN address.'
          : reach === 'loopback'
            ? 'The receiver listens on this PC only; the platform cannot reach it. Reports will be fetched by polling.'
            : reach === 'private' && a.kind !== 'gsmbox'
              ? 'This is a private address: the platform can only push here through a public address forwarded to this PC. Reports are also fetched by polling.'
              : null;
      return { accountId: a.id, accountName: a.name, provider: a.kind, url: `${baseUrl()}${pushPath(SOURCE_OF[a.kind], a.id)}`, reachability: reach, warning };
    });
    return {
      state,
      host,
      port,
      boundPort,
      error: error ? error.toShape() : null,
      advertisedHost: adv,
      urls,
      interfaces,
      lastPushAt: { ...lastPushAt },
      accepted,
      refused,
    };
  }

  const emitSoon = () => {
    if (statusTimer !== null || state !== 'listening') return;
    statusTimer = setTimeout(() => {
      statusTimer = null;
      // Not after stop: the core may have closed its database by then.
      if (state === 'listening') deps.onStatus(status());
    }, 1000);
    statusTimer.unref?.();
  };

  async function start(): Promise<void> {
    if (server) return;
    token ||= loadOrCreateToken(deps.secrets);
    const { host, port } = deps.bind();
    state = 'starting';
    error = null;
    const s = createReceiverServer({
      host,
      port,
      token: () => token,
      files,
      onPush: async (req) => {
        const reply = await deps.onPush(req);
        if (reply.status < 400) {
          lastPushAt[req.source] = deps.now();
          emitSoon();
        }
        return reply;
      },
      onOutcome: (ok) => {
        if (ok) accepted += 1;
        else refused += 1;
      },
      onError: deps.onError,
      ...(deps.limits ? { limits: deps.limits } : {}),
    });
    try {
      boundPort = await s.listen();
      server = s;
      state = 'listening';
    } catch (err) {
      boundPort = null;
      state = 'error';
      error = bindError(err, host, port);
    }
    deps.onStatus(status());
  }

  async function stop(): Promise<void> {
    if (statusTimer !== null) clearTimeout(statusTimer);
    statusTimer = null;
    const s = server;
    server = null;
    boundPort = null;
    state = 'stopped';
    if (s) await s.close();
  }

  return {
    start,
    stop,
    status,
    async restart(): Promise<ReceiverStatus> {
      await stop();
      await start();
      return status();
    },
    async rotate(): Promise<ReceiverStatus> {
      token = rotateToken(deps.secrets);
      deps.onStatus(status());
      return status();
    },
    /** The path a provider pushes to (contains the token). */
    pushPath,
    boundPort: () => boundPort,
    token: () => (token ||= loadOrCreateToken(deps.secrets)),
    /** Serves `bytes` at an unguessable URL until `ttlMs` has passed (EIMS numbers by URL). */
    offerFile(offer: FileOffer): { url: string; expiresAt: number } {
      if (state !== 'listening') {
        throw new AppError('RECEIVER_NOT_LISTENING', 'The receiver is not running, so the platform cannot download the numbers. Fix the receiver settings first.');
      }
      const { id, expiresAt } = files.add(offer);
      return { url: `${baseUrl()}/files/${id}/${encodeURIComponent(offer.fileName.replace(/[^\w.-]/g, '_'))}`, expiresAt };
    },
  };
}

export type ReceiverService = ReturnType<typeof createReceiverService>;
