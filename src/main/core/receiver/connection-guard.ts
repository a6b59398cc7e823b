import type { Socket } from 'node:net';

/**
 * Who may hold a connection to the receiver. A slow or silent client costs nothing but a socket, so
 * a few hundred of them used to lock every provider out until the header timeout fired. Now:
 * - one source (an IPv4 address, or an IPv6 /64, which one host can fill) holds at most `perSource`
 *   connections;
 * - when all `total` are taken, a newcomer from a source holding fewer than the busiest one takes the
 *   place of that source's oldest connection with no request in flight (a provider pushing from its own
 *   address always gets in, however many addresses an attacker spreads over);
 * - whoever is refused or displaced gets an HTTP 503 with Retry-After, never a silent drop; what it
 *   still sends is read and dropped until it closes (closing on unread data would reset the connection
 *   and lose the 503), and the socket goes after a grace period.
 */
export interface ConnectionLimits {
  perSource: number;
  total: number;
}

const REFUSAL_BODY = 'Service Unavailable';
const REFUSAL = [
  'HTTP/1.1 503 Service Unavailable',
  'Content-Type: text/plain; charset=utf-8',
  `Content-Length: ${REFUSAL_BODY.length}`,
  'Retry-After: 5',
  'Connection: close',
  '',
  REFUSAL_BODY,
].join('\r\n');
const REFUSED_GRACE_MS = 2_000;

/** The source a connection counts against: IPv4 (also when IPv4-mapped), or the /64 of an IPv6 address. */
export function sourceOf(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

interface Held {
  socket: Socket;
  source: string;
  /** Requests in flight on it (from 'request' until the response is done). */
  busy: number;
}

export function createConnectionGuard(limits: ConnectionLimits, onRefused: () => void) {
  const held = new Map<Socket, Held>();
  const bySource = new Map<string, Set<Held>>();
  const refused = new Set<Socket>();

  function release(h: Held): void {
    if (held.get(h.socket) !== h) return;
    held.delete(h.socket);
    const set = bySource.get(h.source);
    set?.delete(h);
    if (set?.size === 0) bySource.delete(h.source);
  }

  function refuse(socket: Socket): void {
    const h = held.get(socket);
    if (h) release(h);
    refused.add(socket);
    onRefused();
    socket.on('error', () => undefined);
    socket.once('close', () => refused.delete(socket));
    socket.resume();
    if (socket.writable) socket.end(REFUSAL);
    setTimeout(() => socket.destroy(), REFUSED_GRACE_MS).unref();
  }

  /** The oldest idle connection of the busiest source, if that source holds more than `than`. */
  function displaceable(than: number): Held | undefined {
    let busiest: Set<Held> | undefined;
    for (const set of bySource.values()) if (!busiest || set.size > busiest.size) busiest = set;
    if (!busiest || busiest.size <= than + 1) return undefined;
    for (const h of busiest) if (h.busy === 0) return h; // Set order = arrival order
    return undefined;
  }

  return {
    /** Takes a new connection, or refuses it with a 503 (false). */
    admit(socket: Socket): boolean {
      const source = sourceOf(socket.remoteAddress);
      const mine = bySource.get(source)?.size ?? 0;
      if (mine >= limits.perSource) {
        refuse(socket);
        return false;
      }
      if (held.size >= limits.total) {
        const victim = displaceable(mine);
        if (!victim) {
          refuse(socket);
          return false;
        }
        refuse(victim.socket);
      }
      const h: Held = { socket, source, busy: 0 };
      held.set(socket, h);
      let set = bySource.get(source);
      if (!set) bySource.set(source, (set = new Set()));
      set.add(h);
      socket.once('close', () => release(h));
      return true;
    },
    /** A request started (true) or finished (false) on this connection. */
    setBusy(socket: Socket, busy: boolean): void {
      const h = held.get(socket);
      if (h) h.busy = Math.max(0, h.busy + (busy ? 1 : -1));
    },
    isBusy: (socket: Socket): boolean => (held.get(socket)?.busy ?? 0) > 0,
    /** Refused or displaced: its bytes are dropped, whatever the HTTP parser makes of them. */
    wasRefused: (socket: Socket): boolean => refused.has(socket),
    held: (): number => held.size,
    /** Closes every refused socket still in its grace period. */
    closeRefused(): void {
      for (const s of refused) s.destroy();
      refused.clear();
    },
  };
}

export type ConnectionGuard = ReturnType<typeof createConnectionGuard>;
