import { describe, expect, it } from 'vitest';
import { AppError, toErrorShape } from '../../src/shared/errors.ts';

describe('toErrorShape', () => {
  it('keeps an AppError code and sentence', () => {
    expect(toErrorShape(new AppError('X', 'Do this.', { kind: 'auth' }))).toEqual({ code: 'X', message: 'Do this.', kind: 'auth' });
  });
  it('never leaks internals of unknown errors', () => {
    const shape = toErrorShape(new Error('password=hunter2 at /secret/path'));
    expect(shape.code).toBe('INTERNAL');
    expect(shape.message).not.toContain('hunter2');
  });
});
