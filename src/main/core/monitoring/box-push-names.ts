import type { BoxPushNames } from '../providers/gsmbox/push-query.ts';

/** The query parameter names the app writes into a box's push settings (and parses pushes with). */
export const BOX_PUSH_NAMES: BoxPushNames = {
  url_from_num: 'phonenumber',
  url_to_num: 'port',
  url_portname: 'portname',
  url_message: 'message',
  url_time: 'time',
  url_imsi: 'imsi',
  url_status: 'status',
  url_user_defined: '',
};

/** The box's clock runs in this PC's zone (same LAN). */
export const localUtcOffsetMinutes = (at = Date.now()): number => -new Date(at).getTimezoneOffset();

/** "3", "gsm-1.3", "port3" → 3. */
export function portNumber(text: string | undefined): number | null {
  if (!text) return null;
  const m = /(\d+)\s*$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}
