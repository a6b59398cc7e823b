import os from 'node:os';
import type { NetworkInterfaceView, Reachability } from '../../../shared/monitoring.ts';

/** This PC's addresses, and which of them a provider can reach. */

export function reachabilityOf(address: string): Reachability {
  const a = address.toLowerCase();
  if (a === 'localhost' || a === '::1' || a.startsWith('127.')) return 'loopback';
  const m = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(a);
  if (m) {
    const [x, y] = [Number(m[1]), Number(m[2])];
    if (x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168) || (x === 169 && y === 254) || (x === 100 && y >= 64 && y <= 127)) return 'private';
    return 'public';
  }
  if (a.startsWith('fc') || a.startsWith('fd') || a.startsWith('fe80')) return 'private';
  return a.includes(':') ? 'public' : 'private';
}

export function listInterfaces(): NetworkInterfaceView[] {
  const out: NetworkInterfaceView[] = [];
  for (const [name, list] of Object.entries(os.networkInterfaces())) {
    for (const i of list ?? []) {
      const family = i.family === 'IPv6' ? 'IPv6' : 'IPv4';
      out.push({ name, address: i.address, family, cidr: i.cidr ?? null, internal: i.internal, reachability: reachabilityOf(i.address) });
    }
  }
  return out;
}

export const isAnyAddress = (host: string) => host === '0.0.0.0' || host === '::';

/** The address to put in URLs: the chosen one, or — when listening on all — the first LAN IPv4. */
export function advertisedHost(host: string, interfaces: readonly NetworkInterfaceView[]): string {
  if (!isAnyAddress(host)) return host;
  const lan = interfaces.find((i) => i.family === 'IPv4' && !i.internal);
  return lan?.address ?? '127.0.0.1';
}

const ipv4ToInt = (a: string): number | undefined => {
  const p = a.split('.').map(Number);
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) return undefined;
  return ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
};

/** The address of this PC on the same subnet as `peer` (an IPv4), if any. */
export function addressOnSubnetOf(peer: string, interfaces: readonly NetworkInterfaceView[]): string | undefined {
  const target = ipv4ToInt(peer);
  if (target === undefined) return undefined;
  if (reachabilityOf(peer) === 'loopback') return '127.0.0.1';
  for (const i of interfaces) {
    if (i.family !== 'IPv4' || !i.cidr) continue;
    const [addr, bitsText] = i.cidr.split('/');
    const bits = Number(bitsText);
    const mine = ipv4ToInt(addr ?? '');
    if (mine === undefined || !Number.isInteger(bits)) continue;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((mine & mask) === (target & mask)) return addr;
  }
  return undefined;
}
