import type { z } from 'zod';

/** One method of the contract: its input schema (validated at every edge) and, as a phantom, its output type. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly __output?: O;
}

/** `method<Output>()(inputSchema)` — output types are declared once here and flow to main, preload and renderer. */
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodDef<I, O> => ({ input });

/** One event pushed from core to the renderer; the payload type is a phantom. */
export interface EventDef<P = unknown> {
  readonly __payload?: P;
}
export const event = <P>(): EventDef<P> => ({});

export type MethodMap = Record<string, MethodDef>;
export type EventMap = Record<string, EventDef>;

export type InputOf<M extends MethodDef> = z.input<M['input']>;
export type ParsedInputOf<M extends MethodDef> = z.output<M['input']>;
export type OutputOf<M extends MethodDef> = M extends MethodDef<z.ZodType, infer O> ? O : never;
export type PayloadOf<E extends EventDef> = E extends EventDef<infer P> ? P : never;
