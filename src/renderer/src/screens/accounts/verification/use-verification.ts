/**
 * The verification tool's calls to main: send a code, check a code. Keeps the last msg_id, the last
 * verdict and the last error of each step; answers that arrive after the tool closed are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput } from '../../../../../shared/api.ts';
import type { AppErrorShape } from '../../../../../shared/errors.ts';
import type { VerifyResult } from '../../../../../shared/providers.ts';
import { getApi } from '../../../api.ts';
import { toErrorShape } from '../../../stores/error-shape.ts';

export interface VerificationState {
  sending: boolean;
  sendError: AppErrorShape | null;
  /** The msg_id of the last successful send. */
  sentMsgId: string | null;
  checking: boolean;
  checkError: AppErrorShape | null;
  result: VerifyResult | null;
}

const INITIAL: VerificationState = { sending: false, sendError: null, sentMsgId: null, checking: false, checkError: null, result: null };

export function useVerification() {
  const [state, setState] = useState<VerificationState>(INITIAL);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const patch = useCallback((next: Partial<VerificationState>) => {
    if (mounted.current) setState((prev) => ({ ...prev, ...next }));
  }, []);

  /** Resolves with the msg_id, or null when main refused (the error is in `sendError`). */
  const send = useCallback(
    async (input: MethodInput<'verificationSend'>): Promise<string | null> => {
      patch({ sending: true, sendError: null, result: null, checkError: null });
      try {
        const { msgId } = await getApi().verificationSend(input);
        patch({ sending: false, sentMsgId: msgId });
        return msgId;
      } catch (err) {
        patch({ sending: false, sendError: toErrorShape(err) });
        return null;
      }
    },
    [patch],
  );

  const check = useCallback(
    async (input: MethodInput<'verificationCheck'>): Promise<void> => {
      patch({ checking: true, checkError: null, result: null });
      try {
        const result = await getApi().verificationCheck(input);
        patch({ checking: false, result });
      } catch (err) {
        patch({ checking: false, checkError: toErrorShape(err) });
      }
    },
    [patch],
  );

  const clearResult = useCallback(() => patch({ result: null, checkError: null }), [patch]);

  return { ...state, send, check, clearResult };
}
