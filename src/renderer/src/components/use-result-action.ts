/**
 * The busy flag and the error of one action a form or row runs through a store (which answers with a
 * Result): `run` clears the last error, waits, and calls `onOk` with the value, or keeps the error for
 * the form's ErrorAlert.
 */
import { useState } from 'react';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';

export function useResultAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const run = async <T,>(action: () => Promise<Result<T>>, onOk?: (value: T) => void): Promise<void> => {
    setBusy(true);
    setError(null);
    const r = await action();
    setBusy(false);
    if (r.ok) onOk?.(r.value);
    else setError(r.error);
  };
  return { busy, error, run };
}
