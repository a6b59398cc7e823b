import { ProviderError, cleanProviderText } from '../errors.ts';

/** Maps a box error reply (`code` not 200/0) to a ProviderError with the box's own `msg`. */
export function isBoxSuccess(code: number): boolean {
  return code === 200 || code === 0;
}

export function boxError(code: number, msg: string | null | undefined, secrets: readonly (string | undefined)[]): ProviderError {
  const text = cleanProviderText(msg ?? '', secrets);
  const said = text ? `“${text}”` : 'an error';
  if (code === 401 || code === 403 || /auth|password|passwd|login|user(name)?\s|permission|denied/i.test(text)) {
    return new ProviderError('GSMBOX_AUTH', `The GSM box says: ${said} (code ${code}). Check the gateway user name and password (API access must be enabled on the box).`, {
      kind: 'auth', outcome: 'not-sent', provider: 'gsmbox', providerCode: code,
    });
  }
  if (/busy|sending|occupied/i.test(text)) {
    return new ProviderError('GSMBOX_PORT_BUSY', `The GSM box says: ${said} (code ${code}). The port is still sending; wait a few seconds or use another port.`, {
      kind: 'limit', outcome: 'not-sent', provider: 'gsmbox', providerCode: code,
    });
  }
  return new ProviderError('GSMBOX_ERROR', `The GSM box says: ${said} (code ${code}). Check the port, the number and the SIM, then try again.`, {
    kind: code >= 500 ? 'transient' : 'permanent', outcome: 'not-sent', provider: 'gsmbox', providerCode: code,
  });
}
