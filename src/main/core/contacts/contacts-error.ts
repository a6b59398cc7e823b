import { AppError, type ErrorKind } from '../../../shared/errors.ts';
import type { ContactsErrorCode } from '../../../shared/contacts.ts';

/** The one way the contacts engine fails: a stable code plus a sentence that says what to do. */
export function contactsError(code: ContactsErrorCode, message: string, kind: ErrorKind = 'permanent'): AppError {
  return new AppError(code, message, { kind });
}

export function cancelledError(): AppError {
  return contactsError('CONTACTS_IMPORT_CANCELLED', 'The import was cancelled. Nothing was imported.', 'transient');
}

/** Throws the cancel error when the signal has fired; call it between chunks of work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}
