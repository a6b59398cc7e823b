import { AppError } from '../../../shared/errors.ts';
import type { BoxPushState } from '../../../shared/monitoring.ts';
import type { GsmboxClient } from '../providers/gsmbox/client.ts';
import type { GsmboxPushSettings } from '../providers/gsmbox/schemas.ts';
import { addressOnSubnetOf, advertisedHost, isAnyAddress, listInterfaces } from '../receiver/network.ts';
import { maskToken } from '../receiver/push-token.ts';
import { BOX_PUSH_NAMES } from './box-push-names.ts';

/**
 * Points a GSM box's pushes at this PC (set_config), on the address this PC has on the box's subnet,
 * with the token path and the app's parameter names, then reads the settings back to confirm.
 */

export interface BoxPushEnv {
  client: GsmboxClient;
  accountId: string;
  /** The box's base URL (its host decides which of this PC's addresses it can reach). */
  boxUrl: string;
  receiver: { host: string; boundPort: number | null; path: string; token: string };
  lastPushAt: number | null;
}

const NAME_FIELDS = ['url_from_num', 'url_to_num', 'url_portname', 'url_message', 'url_time', 'url_imsi', 'url_status'] as const;

/** What about the box's push settings keeps pushes from reaching this app, as a sentence; null when nothing. */
function pushSettingsProblemSentence(s: GsmboxPushSettings, want: { host: string; port: string; path: string }, needResults: boolean): string | null {
  if (Number(s.enable) !== 1) return 'Pushes are switched off on the box.';
  if (needResults && Number(s.results_enable) !== 1) return 'The box does not push send results.';
  if (s.url_host !== want.host || String(s.url_port) !== want.port) return `The box pushes to ${s.url_host}:${s.url_port}, not to this app (${want.host}:${want.port}).`;
  if (s.url_path !== want.path) return 'The box pushes to an old or different path (the token changed?). Set it up again.';
  for (const f of NAME_FIELDS) if (s[f] !== BOX_PUSH_NAMES[f]) return 'The box uses other parameter names than the app. Set it up again.';
  return null;
}

function stateOf(env: BoxPushEnv, s: GsmboxPushSettings, want: { host: string; port: string; path: string }): BoxPushState {
  const problem = env.receiver.boundPort === null ? 'The receiver is not running: fix its address or port first.' : pushSettingsProblemSentence(s, want, false);
  const target = `${s.url_http || 'http'}://${s.url_host}:${s.url_port}${s.url_path.replace(env.receiver.token, maskToken(env.receiver.token))}`;
  return {
    accountId: env.accountId,
    enabled: Number(s.enable) === 1,
    reportsEnabled: Number(s.reports_enable) === 1,
    resultsEnabled: Number(s.results_enable) === 1,
    target,
    pointsHere: problem === null,
    problem,
    lastPushAt: env.lastPushAt,
  };
}

/** Which of this PC's addresses the box should call. */
export function hostForBox(boxUrl: string, receiverHost: string, explicit?: string): string {
  if (explicit) return explicit;
  let boxHost: string;
  try {
    boxHost = new URL(boxUrl).hostname;
  } catch {
    boxHost = '';
  }
  const interfaces = listInterfaces();
  if (!isAnyAddress(receiverHost)) return receiverHost;
  return addressOnSubnetOf(boxHost, interfaces) ?? advertisedHost(receiverHost, interfaces);
}

export async function readBoxPush(env: BoxPushEnv, host: string): Promise<BoxPushState> {
  const s = await env.client.getPushSettings();
  return stateOf(env, s, { host, port: String(env.receiver.boundPort ?? ''), path: env.receiver.path });
}

export async function setupBoxPush(env: BoxPushEnv, opts: { host?: string | undefined; reportsEnable: boolean; resultsEnable: boolean }): Promise<BoxPushState> {
  if (env.receiver.boundPort === null) {
    throw new AppError('RECEIVER_NOT_LISTENING', 'The receiver is not running, so the box would push into nothing. Fix the receiver address or port first.');
  }
  const host = hostForBox(env.boxUrl, env.receiver.host, opts.host);
  if (!isAnyAddress(env.receiver.host) && host !== env.receiver.host) {
    throw new AppError('RECEIVER_WRONG_ADDRESS', `The receiver listens on ${env.receiver.host} only, but the box would call ${host}. Listen on ${host} or on all addresses.`);
  }
  const want = { host, port: String(env.receiver.boundPort), path: env.receiver.path };
  const settings: GsmboxPushSettings = {
    enable: 1,
    reports_enable: opts.reportsEnable ? 1 : 0,
    results_enable: opts.resultsEnable ? 1 : 0,
    url_http: 'http',
    url_host: host,
    url_port: want.port,
    url_path: want.path,
    ...BOX_PUSH_NAMES,
  };
  await env.client.setPushSettings(settings);
  const back = await env.client.getPushSettings();
  const problem = pushSettingsProblemSentence(back, want, opts.resultsEnable);
  if (problem !== null) {
    throw new AppError('BOX_PUSH_NOT_SAVED', `The box did not keep the push settings: ${problem} Check the box's firmware supports push settings, or set them on its web page.`);
  }
  return stateOf(env, back, want);
}
