import type { ErrorKind } from '../../../../shared/errors.ts';

/** EIMS reply statuses (negative = the call failed), send statuses (report rows) and delivery statuses. */

export interface EimsStatusInfo {
  code: string;
  what: string;
  todo: string;
  kind: ErrorKind;
}

const s = (code: string, what: string, todo: string, kind: ErrorKind = 'permanent'): EimsStatusInfo => ({ code, what, todo, kind });

/** Reply `status` codes. Only -12 and -17 are worth retrying. */
export const EIMS_REPLY_STATUS: Readonly<Record<number, EimsStatusInfo>> = {
  [-1]: s('EIMS_AUTH', 'authentication failed', 'Check the account name, password (and key and seq in encrypted mode).', 'auth'),
  [-2]: s('EIMS_IP_NOT_ALLOWED', 'this IP address is not allowed', 'Ask the platform operator to allow this PC’s public IP address.', 'auth'),
  [-3]: s('EIMS_SENSITIVE_WORDS', 'the content contains sensitive words', 'Reword the message.'),
  [-4]: s('EIMS_EMPTY_CONTENT', 'the content is empty', 'Write the message text.'),
  [-5]: s('EIMS_CONTENT_TOO_LONG', 'the content is too long (more than 1024 characters)', 'Shorten the message.', 'limit'),
  [-6]: s('EIMS_NOT_TEMPLATE', 'the content does not match an approved template', 'Use the wording of a template the platform approved.'),
  [-7]: s('EIMS_TOO_MANY_NUMBERS', 'too many numbers in one request', 'Send smaller batches.', 'limit'),
  [-8]: s('EIMS_NO_NUMBERS', 'there are no numbers', 'Add recipients.'),
  [-9]: s('EIMS_BAD_NUMBER', 'a number is abnormal', 'Check the numbers (international format, digits only).'),
  [-10]: s('EIMS_BALANCE', 'balance insufficient', 'Top up the account or lower the batch.', 'limit'),
  [-11]: s('EIMS_BAD_TIME', 'the send time is wrong', 'Pick a valid future time.'),
  [-12]: s('EIMS_PLATFORM_BATCH_ERROR', 'the platform failed to commit the batch', 'Try again later; if it keeps happening, contact the platform operator.', 'transient'),
  [-13]: s('EIMS_USER_LOCKED', 'the user is locked', 'Contact the platform operator.', 'auth'),
  [-14]: s('EIMS_BAD_NUMBER_SOURCE', 'the number source is invalid', 'Give numbers inline or the URL of an .xls file.'),
  [-15]: s('EIMS_BAD_JOB_NAME', 'the job name is empty or longer than 64 characters', 'Give the job a name of 1 to 64 characters.'),
  [-16]: s('EIMS_BAD_JOB_TYPE', 'the job type is invalid', 'Pick one of: now, timed, interval, daily, weekly, monthly.'),
  [-17]: s('EIMS_OTHER', 'an unspecified error occurred', 'Try again later.', 'transient'),
};

export function describeEimsStatus(status: number): EimsStatusInfo {
  return EIMS_REPLY_STATUS[status] ?? s(`EIMS_STATUS_${status}`, 'the request failed', 'Check the request and try again.');
}

export function eimsStatusSentence(status: number): string {
  const info = describeEimsStatus(status);
  return `EIMS says: ${info.what} (${status}). ${info.todo}`;
}

/** Send statuses in report rows (0 sent, 1 unsent, 2 sending, others: failure codes). */
export const EIMS_SEND_STATUS: Readonly<Record<number, { label: string; what: string }>> = {
  1001: { label: 'NoRoute', what: 'no route to this destination' },
  1002: { label: 'NoChannel', what: 'no channel available' },
  1003: { label: 'NoBalance', what: 'the balance ran out' },
  1004: { label: 'Unknown', what: 'an unknown failure' },
  1005: { label: 'Send Refuse', what: 'the send was refused' },
  1006: { label: 'Send Timeout', what: 'the send timed out' },
  1007: { label: 'Server Timeout', what: 'the server timed out' },
  1008: { label: 'SupplierMccMncLimit', what: 'the supplier does not serve this network' },
  1009: { label: 'ConsumerMccMncLimit', what: 'this account may not send to this network' },
  1010: { label: 'NoSupplier', what: 'no supplier for this destination' },
  1011: { label: 'Black Number', what: 'the number is blacklisted' },
  1012: { label: 'Sensitive Words', what: 'the content contains sensitive words' },
  1013: { label: 'Daily Limit', what: 'the daily limit was reached' },
  1014: { label: 'DestinationMccMncLimit', what: 'the destination network is restricted' },
  1016: { label: 'SMS Template Limit', what: 'the content does not match a template' },
  1017: { label: 'SupplierNoBalance', what: 'the supplier ran out of balance' },
  1018: { label: 'UserProfitLimit', what: 'the account’s price limit was hit' },
  1019: { label: 'ChannelProfitLimit', what: 'the channel’s price limit was hit' },
  1020: { label: 'MccNumberLengthLimit', what: 'the number has the wrong length for its country' },
  1021: { label: 'Job not found', what: 'the job was not found' },
  1022: { label: 'China SMS Limit', what: 'SMS to China are restricted' },
  1023: { label: 'RouteMccMncLimit', what: 'the route does not serve this network' },
};

export function eimsSendStatusCode(code: number): string {
  return `EIMS_SEND_${code}`;
}

/** Why EIMS failed a message; `note` is the platform's own label from the report row, when it sent one. */
export function eimsSendStatusSentence(code: number, note?: string): string {
  const info = EIMS_SEND_STATUS[code];
  const sentence = info
    ? `EIMS reports the message failed: ${info.what} (${code} ${info.label}). Check the number and content; contact the platform if it persists.`
    : `EIMS reports the message failed (status ${code}). Check the number and content; contact the platform if it persists.`;
  return note ? `${sentence} Platform note: “${note.slice(0, 120)}”.` : sentence;
}

/** Delivery statuses (6-field report rows): a stable code, a plain label and the ledger state each means. */
export const EIMS_DELIVER_STATUS: Readonly<Record<number, { code: string; what: string; state: 'sent' | 'delivered' | 'failed' | 'expired' }>> = {
  0: { code: 'EIMS_DELIVERY_NOT_REQUIRED', what: 'sent (no delivery report requested)', state: 'sent' },
  1: { code: 'EIMS_DELIVERY_PENDING', what: 'sent, not yet delivered', state: 'sent' },
  2: { code: 'EIMS_DELIVERY_FAILED', what: 'the operator reports the message was not delivered to the handset', state: 'failed' },
  3: { code: 'EIMS_DELIVERED', what: 'delivered', state: 'delivered' },
  4: { code: 'EIMS_DELIVERY_TIMEOUT', what: 'no delivery report arrived in time; the message may or may not have reached the handset', state: 'expired' },
  5: { code: 'EIMS_DELIVERY_UNKNOWN', what: 'the delivery status is unknown', state: 'sent' },
};

/** A delivery status as a sentence of its own, e.g. "Delivered." */
export function eimsDeliverSentence(info: { what: string }): string {
  return `${info.what.charAt(0).toUpperCase()}${info.what.slice(1)}.`;
}
