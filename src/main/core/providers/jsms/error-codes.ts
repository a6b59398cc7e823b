import type { ErrorKind } from '../../../../shared/errors.ts';

/**
 * JSMS error codes (seeds 000/001 list 50000–50047; 50033, 50052 and 50053 come from the vendor's
 * docs; 50032, 50048–50051 and 50054 are listed by the vendor without a description we could confirm).
 * `what` is the plain cause, `todo` what the user should do. 50019 is the only transient one.
 */
export interface JsmsCodeInfo {
  what: string;
  todo: string;
  kind: ErrorKind;
}

const p = (what: string, todo: string, kind: ErrorKind = 'permanent'): JsmsCodeInfo => ({ what, todo, kind });

export const JSMS_ERROR_CODES: Readonly<Record<number, JsmsCodeInfo>> = {
  50000: p('success', 'Nothing to do.'),
  50001: p('the request carried no credentials', 'Enter the AppKey and Master Secret of the account.', 'auth'),
  50002: p('the AppKey or Master Secret is wrong', 'Check the AppKey and Master Secret (or the dev key pair for the account balance).', 'auth'),
  50003: p('the request body is empty', 'This is a bug in the app; report it.'),
  50004: p('the phone number is missing', 'Add a phone number to the message.'),
  50005: p('the template id is missing', 'Pick a template.'),
  50006: p('the phone number is invalid', 'Correct the phone number or remove it.'),
  50007: p('the request body is invalid', 'Check the template parameters; if it persists, report it.'),
  50008: p('the SMS service is not enabled for this app', 'Enable SMS for the app in the JSMS console.', 'auth'),
  50009: p('too many messages were sent too fast', 'Wait a while and send more slowly.', 'limit'),
  50010: p('the verification code is wrong', 'Ask the person to check the code and enter it again.'),
  50011: p('the verification code has expired', 'Send a new code.'),
  50012: p('the verification code was already used', 'Send a new code if another check is needed.'),
  50013: p('the template id is invalid', 'Pick an existing template.'),
  50014: p('the SMS balance is insufficient', 'Top up the JSMS account or send fewer messages.', 'limit'),
  50015: p('the verification code is missing', 'Enter the code to check.'),
  50016: p('this API does not exist', 'Check the base URL of the account.'),
  50017: p('the media type is not supported', 'This is a bug in the app; report it.'),
  50018: p('the request method is not supported', 'Check the base URL of the account; if it is right, report it.'),
  50019: p('the JSMS server had an internal error', 'Try again in a few minutes.', 'transient'),
  50020: p('the template is still being reviewed', 'Wait until JSMS approves the template.'),
  50021: p('the template was rejected in review', 'Edit the template on the Templates screen and submit it again.'),
  50022: p('not all template parameters were filled in', 'Give a value for every parameter of the template.'),
  50023: p('a template parameter is empty', 'Give a value for every parameter of the template.'),
  50024: p('the number has unsubscribed', 'Remove the number from the list.'),
  50025: p('this API does not accept this template type', 'Use a verification-code template for codes and a notice/marketing template for messages.'),
  50026: p('the msg_id is invalid', 'Send a new code and verify against its msg_id.'),
  50027: p('the send time is empty or in the past', 'Pick a send time in the future (China time).'),
  50028: p('the schedule id is invalid', 'Refresh the schedule list; it may have been deleted.'),
  50029: p('the scheduled SMS was already sent or deleted', 'Create a new schedule instead of changing this one.'),
  50030: p('the recipient list is empty', 'Add recipients.'),
  50031: p('there are more than 1000 recipients', 'Split the batch into chunks of at most 1000.', 'limit'),
  50032: p('the request was refused', 'Check the account settings and the message.'),
  50033: p('no SMS quota is assigned to this app', 'Assign SMS quota to the app in the JSMS console.', 'limit'),
  50034: p('the same message was sent repeatedly', 'Do not resend; check the earlier send.'),
  50035: p('the request came from an IP address that is not allowed', 'Add this PC’s public IP to the JSMS whitelist.', 'auth'),
  50036: p('the app is blacklisted', 'Contact JSMS support.', 'auth'),
  50037: p('the content contains sensitive words', 'Reword the message or template.'),
  50038: p('the voice code has the wrong length', 'Use a code of 4 to 8 digits.'),
  50039: p('the voice code contains non-digits', 'Use digits only.'),
  50040: p('the voice language is invalid', 'Choose Chinese, English or mixed.'),
  50041: p('the code validity (ttl) is invalid', 'Use a ttl between 1 and 86400 seconds.'),
  50042: p('the template content is empty', 'Write the template text.'),
  50043: p('the template is too long', 'Keep template plus signature within 350 characters.'),
  50044: p('a template parameter is invalid', 'Check the template parameters.'),
  50045: p('the remark is too long', 'Keep the remark within 500 characters.'),
  50046: p('the app has no signature', 'Set a signature in the JSMS console first.'),
  50047: p('only rejected templates may be modified', 'Create a new template instead.'),
  50048: p('the request was refused', 'Check the signature, template and parameters.'),
  50049: p('the request was refused', 'Check the signature, template and parameters.'),
  50050: p('the request was refused', 'Check the signature, template and parameters.'),
  50051: p('the request was refused', 'Check the signature, template and parameters.'),
  50052: p('the template contains special symbols such as 【】', 'Remove the brackets from the template.'),
  50053: p('a link parameter needs a remark', 'Put the link in the template remark so it can be reviewed.'),
  50054: p('the request was refused', 'Check the signature, template and parameters.'),
  // Signature API (the vendor's signature docs).
  50101: p('a picture sent with the signature is not valid', 'Attach JPG or PNG pictures.'),
  50102: p('the signature id is invalid', 'Refresh the signature list; it may have been deleted.'),
  50103: p('another signature is still being reviewed', 'Wait until JSMS has reviewed it, then submit this one.'),
  50104: p('the signature text is not allowed', 'Use the name of your company, app or brand, as the JSMS rules for signatures ask.'),
  50105: p('a signature in use cannot be deleted', 'Stop using it first (pick another default signature in the JSMS console).'),
};

/** Stable app error code for a JSMS code, e.g. JSMS_50019. */
export function jsmsErrorCode(code: number): string {
  return `JSMS_${code}`;
}

export function describeJsmsCode(code: number): JsmsCodeInfo {
  return JSMS_ERROR_CODES[code] ?? p('the request was refused', 'Check the account settings and the message.');
}

/** A plain sentence for a JSMS code, with the provider's own text when it adds something. */
export function jsmsSentence(code: number, providerMessage?: string): string {
  const info = describeJsmsCode(code);
  const known = JSMS_ERROR_CODES[code] !== undefined;
  return providerMessage && (!known || info.what === 'the request was refused')
    ? `JSMS says: ${info.what} (${code}) (“${providerMessage}”). ${info.todo}`
    : `JSMS says: ${info.what} (${code}). ${info.todo}`;
}
