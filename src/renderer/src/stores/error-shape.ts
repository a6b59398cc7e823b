/** Turns whatever an api call threw into the `{ code, message, fields? }` shape the UI shows. */
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import { ApiError } from '../api.ts';

export function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof ApiError) {
    const shape: AppErrorShape = { code: err.code, message: err.message };
    if (err.kind) shape.kind = err.kind;
    if (err.fields) shape.fields = err.fields;
    return shape;
  }
  return {
    code: 'RENDERER',
    message: err instanceof Error ? err.message : 'Something went wrong in the window. Reload it and try again.',
  };
}

/** Runs an api call and turns its outcome into a Result (the error in the shape the UI shows). */
export async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toErrorShape(err) };
  }
}
