import type { z } from 'zod';
import { methods, type Handlers, type MethodName } from '../../shared/api.ts';
import { AppError, toErrorShape, type Result } from '../../shared/errors.ts';

export type ErrorReporter = (method: string, err: unknown) => void;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** zod issues → `{ 'config.baseUrl': 'Enter a full http:// …' }` plus one sentence for the whole input. */
export function validationError(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  const first = error.issues[0];
  const why = first?.message ?? 'The input is not valid.';
  return new AppError(
    'INVALID_INPUT',
    first && first.path.length > 0 ? `Check the highlighted fields. ${first.path.map(String).join('.')}: ${why}` : `Check the highlighted fields. ${why}`,
    { fields },
  );
}

/**
 * The one path every call takes, from IPC or the headless HTTP bridge: look the method up in the
 * contract, validate the input with its schema, run the handler, and turn any throw into `{code, message}`.
 */
export async function invokeMethod(handlers: Handlers, name: string, rawInput: unknown, report?: ErrorReporter): Promise<Result<unknown>> {
  if (!isMethodName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no method called ${name.slice(0, 80)}.` } };
  }
  const parsed = methods[name].input.safeParse(rawInput === null ? undefined : rawInput);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error).toShape() };
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value: value === undefined ? null : value };
  } catch (err) {
    if (!(err instanceof AppError)) report?.(name, err);
    return { ok: false, error: toErrorShape(err) };
  }
}
