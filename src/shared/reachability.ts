/**
 * Whether a provider on the internet can reach a URL the app serves. A loopback, private (RFC 1918,
 * CGNAT, link-local, ULA) or single-label host is reachable only from the same machine or LAN.
 */

function ipv4Private(host: string): boolean | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
}

export type AddressReach = 'public' | 'loopback' | 'private';

export function addressReach(url: string): AddressReach {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'private';
  }
  host = host.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)) return 'loopback';
  const v4 = ipv4Private(host);
  if (v4 !== null) return v4 ? 'private' : 'public';
  if (host.includes(':')) return /^(fc|fd|fe8|fe9|fea|feb)/.test(host) ? 'private' : 'public';
  if (!host.includes('.') || host.endsWith('.local') || host.endsWith('.lan') || host.endsWith('.internal')) return 'private';
  return 'public';
}

/** The sentence shown next to the URL, or null when the address looks reachable. */
export function reachWarning(url: string): string | null {
  const reach = addressReach(url);
  if (reach === 'loopback') return 'This is a loopback address: only this PC can open it, so the platform cannot download the numbers file. Set a public address for the receiver, or use fewer numbers (inline).';
  if (reach === 'private') return 'This is a private network address: the platform on the internet cannot reach it unless a port is forwarded to this PC. Set a public address for the receiver, or use fewer numbers (inline).';
  return null;
}
