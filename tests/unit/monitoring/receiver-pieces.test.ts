import { describe, expect, it } from 'vitest';
import { isOptOutText } from '../../../src/main/core/monitoring/keyword-match.ts';
import { sourceOf } from '../../../src/main/core/receiver/connection-guard.ts';
import { createFileOffers } from '../../../src/main/core/receiver/file-offers.ts';
import { addressOnSubnetOf, reachabilityOf } from '../../../src/main/core/receiver/network.ts';
import { tokenMatches } from '../../../src/main/core/receiver/push-token.ts';
import { createRateLimiter } from '../../../src/main/core/receiver/rate-limit.ts';
import { routeOf } from '../../../src/main/core/receiver/receiver-server.ts';

describe('receiver pieces', () => {
  it('routes only token paths to pushes', () => {
    const t = 'abcdefghijklmnopqrstuvwx';
    expect(routeOf(`/push/${t}/eims/acc-1`, t)).toEqual({ kind: 'push', source: 'eims', accountId: 'acc-1' });
    expect(routeOf(`/push/${t}x/eims/acc-1`, t)).toEqual({ kind: 'refuse', status: 401 });
    expect(routeOf(`/push/${t}/mail/acc-1`, t)).toEqual({ kind: 'refuse', status: 404 });
    expect(routeOf(`/push/${t}/eims/../x`, t)).toEqual({ kind: 'refuse', status: 404 });
    expect(routeOf('/', t)).toEqual({ kind: 'refuse', status: 404 });
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches('', t)).toBe(false);
  });

  it('counts connections per IPv4 address and per IPv6 /64 (one host can use a whole /64)', () => {
    expect(sourceOf('192.168.1.20')).toBe('192.168.1.20');
    expect(sourceOf('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(sourceOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(sourceOf('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(sourceOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(sourceOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(sourceOf('::1')).toBe('0:0:0:0::/64');
    expect(sourceOf(undefined)).toBe('unknown');
  });

  it('offers files at unguessable paths that expire', () => {
    let now = 0;
    const offers = createFileOffers(() => now);
    const a = offers.add({ bytes: new Uint8Array([1, 2, 3]), contentType: 'application/vnd.ms-excel', fileName: 'n.xls', ttlMs: 10_000 });
    const b = offers.add({ bytes: new Uint8Array([4]), contentType: 'application/vnd.ms-excel', fileName: 'n.xls', ttlMs: 10_000 });
    expect(a.id).not.toBe(b.id);
    expect(a.id.length).toBeGreaterThanOrEqual(32);
    expect(offers.get(a.id)?.bytes).toEqual(new Uint8Array([1, 2, 3]));
    now = 10_001;
    expect(offers.get(a.id)).toBeUndefined();
  });

  it('limits per source and forgets the stalest sources first', () => {
    let now = 0;
    const limiter = createRateLimiter({ perSecond: 1, burst: 2, maxSources: 2 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
    now = 1000;
    expect(limiter.take('a')).toBe(true);
    limiter.take('b');
    limiter.take('c');
    expect(limiter.size()).toBe(2);
  });

  it('knows reachability and the address on a peer subnet', () => {
    expect(reachabilityOf('127.0.0.1')).toBe('loopback');
    expect(reachabilityOf('192.168.1.20')).toBe('private');
    expect(reachabilityOf('8.8.8.8')).toBe('public');
    const ifaces = [{ name: 'eth0', address: '192.168.1.20', family: 'IPv4' as const, cidr: '192.168.1.20/24', internal: false, reachability: 'private' as const }];
    expect(addressOnSubnetOf('192.168.1.50', ifaces)).toBe('192.168.1.20');
    expect(addressOnSubnetOf('10.0.0.5', ifaces)).toBeUndefined();
  });

  it('reads opt-out keywords as the whole text', () => {
    const k = ['STOP', 'TD', '退订', 'T'];
    expect(['stop', ' TD ', '退订', 'T.', 'Stop!'].every((t) => isOptOutText(t, k))).toBe(true);
    expect(['please stop', 'Thanks', 'TDX', ''].some((t) => isOptOutText(t, k))).toBe(false);
  });
});
