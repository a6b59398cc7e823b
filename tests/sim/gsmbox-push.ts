import net from 'node:net';

/**
 * How an OpenVox box pushes to the console: plain HTTP GET, parameter names from its push settings,
 * values NOT percent-encoded except spaces (%20) — raw '+', '/', ':', '&' and, depending on firmware,
 * raw UTF-8 bytes or percent-encoded UTF-8 for the message. node:http refuses to send such request
 * lines, so the request is written byte by byte over node:net. The reply is read and ignored (no retry).
 */

export interface BoxPushConfig {
  enable: number;
  reports_enable: number;
  results_enable: number;
  url_http: string;
  url_host: string;
  url_port: string;
  url_path: string;
  url_from_num: string;
  url_to_num: string;
  url_portname: string;
  url_message: string;
  url_time: string;
  url_imsi: string;
  url_status: string;
  url_user_defined: string;
}

export type MessageEncoding = 'raw' | 'percent';

/** A value as the box writes it: only spaces encoded (or full UTF-8 percent-encoding for messages, per firmware). */
export function boxValue(value: string, encoding: MessageEncoding = 'raw'): string {
  if (encoding === 'percent') return encodeURIComponent(value);
  return value.replace(/ /g, '%20');
}

/** Builds the raw query: pairs in order, `[name, value, isMessage]`; empty names are skipped. */
export function buildBoxQuery(pairs: [string, string, boolean?][], userDefined: string, encoding: MessageEncoding): string {
  const parts = pairs.filter(([name]) => name !== '').map(([name, value, isMessage]) => `${name}=${isMessage ? boxValue(value, encoding) : boxValue(value)}`);
  if (userDefined) parts.push(userDefined);
  return parts.join('&');
}

export interface RawPushResult {
  target: string;
  status: number | 'error';
}

/** Sends `GET <path>?<query> HTTP/1.1` as raw bytes (UTF-8 for non-ASCII) and returns the status code. */
export function rawGet(host: string, port: number, pathAndQuery: string, timeoutMs = 3000): Promise<RawPushResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const chunks: Buffer[] = [];
    const done = (status: number | 'error') => {
      socket.destroy();
      resolve({ target: pathAndQuery, status });
    };
    socket.setTimeout(timeoutMs, () => done('error'));
    socket.on('connect', () => {
      const head = `GET ${pathAndQuery} HTTP/1.1\r\nHost: ${host}:${port}\r\nUser-Agent: OpenVox-SMS-Push\r\nConnection: close\r\n\r\n`;
      socket.write(Buffer.from(head, 'utf8'));
    });
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => done('error'));
    socket.on('end', () => {
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'));
      done(m ? Number(m[1]) : 'error');
    });
  });
}

/** Sends one push according to the settings. */
export function sendBoxPush(cfg: BoxPushConfig, pairs: [string, string, boolean?][], encoding: MessageEncoding): Promise<RawPushResult> {
  const query = buildBoxQuery(pairs, cfg.url_user_defined, encoding);
  const path = cfg.url_path.startsWith('/') ? cfg.url_path : `/${cfg.url_path}`;
  return rawGet(cfg.url_host, Number(cfg.url_port) || 80, `${path}?${query}`);
}
