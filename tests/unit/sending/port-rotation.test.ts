import { describe, expect, it } from 'vitest';
import { PortRotationBook, blankRecord, type PortRecord } from '../../../src/main/core/box-ports/port-rotation.ts';
import { portNotice } from '../../../src/main/core/box-ports/port-notices.ts';

const T0 = Date.UTC(2026, 11, 6, 2, 0, 0);
const REST = 30 * 60_000;
const PORTS = [1, 2, 3, 4].map((port) => ({ port, name: `gsm-1.${port}`, available: true }));

function book(stored: PortRecord[] = []) {
  const b = new PortRotationBook(stored, T0);
  b.portsSeen(PORTS, T0);
  return b;
}

/** Feeds outcomes on a port; returns the changes that were not null. */
function feed(b: PortRotationBook, port: number, oks: boolean[], firstId = 1, at = T0) {
  return oks.map((ok, i) => b.outcome(port, ok, firstId + i, at, REST)).filter((c) => c !== null);
}

describe('PortRotationBook: taking a port out', () => {
  it('takes a port out after 5 failures in a row while the other ports succeed, not after 4', () => {
    const b = book();
    feed(b, 2, [true, true, true], 100);
    feed(b, 3, [true, true, true], 200);
    expect(feed(b, 1, [false, false, false, false])).toEqual([]);
    expect(b.gate(1, T0)).toBe('open');
    const [change] = feed(b, 1, [false], 5);
    expect(change).toEqual({ kind: 'out', port: 1, reason: 'failing', facts: { failures: 5 }, retryAt: T0 + REST });
    expect(b.gate(1, T0)).toBe('closed');
    expect(b.gate(2, T0)).toBe('open');
    expect(b.get(1)).toMatchObject({ rotation: 'resting', reason: 'failing', outSince: T0, retryAt: T0 + REST });
  });

  it('a success in between restarts the count', () => {
    const b = book();
    feed(b, 2, [true, true]);
    expect(feed(b, 1, [false, false, false, false, true, false, false, false, false])).toEqual([]);
    expect(b.gate(1, T0)).toBe('open');
  });

  it('keeps every port when all of them fail alike (the box or the network is the problem, not one SIM)', () => {
    const b = book();
    for (let i = 0; i < 6; i += 1) for (const p of [1, 2, 3, 4]) feed(b, p, [false], p * 100 + i);
    expect([1, 2, 3, 4].map((p) => b.gate(p, T0))).toEqual(['open', 'open', 'open', 'open']);
  });

  it('never takes out the last port in rotation', () => {
    const b = book();
    b.portsSeen([PORTS[0]!, { ...PORTS[1]!, available: false }, { ...PORTS[2]!, available: false }, { ...PORTS[3]!, available: false }], T0);
    expect(feed(b, 1, [false, false, false, false, false, false])).toEqual([]);
    expect(b.gate(1, T0)).toBe('open');
  });

  it('takes out a port whose failure rate is far above the other ports, with the figures', () => {
    const b = book();
    for (const p of [2, 3]) feed(b, p, Array.from({ length: 10 }, (_, i) => i !== 0), p * 100);
    // Alternating failures never reach 5 in a row; at the 11th send 6 have failed (55 %) against 10 % elsewhere.
    expect(feed(b, 1, [false, true, false, true, false, true, false, true, false, true])).toEqual([]);
    const changes = feed(b, 1, [false, false], 11);
    expect(changes).toEqual([{ kind: 'out', port: 1, reason: 'failure-rate', facts: { failures: 6, of: 11, percent: 55, othersPercent: 10 }, retryAt: T0 + REST }]);
  });

  it('does not judge by rate with too few sends on either side', () => {
    const b = book();
    feed(b, 2, [true, true, true]);
    expect(feed(b, 1, [false, true, false, true, false, true, false, true, false, true, false])).toEqual([]);
  });

  it('a port the box reports unavailable goes out, and comes back when the box reports it available', () => {
    const b = book();
    const out = b.portsSeen([...PORTS.slice(0, 2), { port: 3, name: 'gsm-1.3', available: false }, PORTS[3]!], T0 + 1000);
    expect(out).toEqual([{ kind: 'out', port: 3, reason: 'unavailable', facts: {}, retryAt: null }]);
    expect(b.gate(3, T0 + 10 * REST)).toBe('closed');
    expect(b.nextRetry(T0)).toBeNull();
    expect(b.portsSeen(PORTS, T0 + 2000)).toEqual([{ kind: 'back', port: 3, reason: 'available', messageId: null }]);
    expect(b.gate(3, T0 + 2000)).toBe('open');
  });

  it('an empty slot seen unavailable the first time is recorded without a notice', () => {
    const b = new PortRotationBook([], T0);
    expect(b.portsSeen([{ port: 9, name: 'gsm-1.9', available: false }], T0)).toEqual([{ kind: 'quiet', port: 9 }]);
  });
});

describe('PortRotationBook: the one trial after the rest', () => {
  function outPort() {
    const b = book();
    feed(b, 2, [true, true]);
    feed(b, 1, [false, false, false, false, false]);
    return b;
  }

  it('is due only once the rest is over, and then for exactly one message', () => {
    const b = outPort();
    expect(b.gate(1, T0 + REST - 1)).toBe('closed');
    expect(b.nextRetry(T0)).toBe(T0 + REST);
    expect(b.gate(1, T0 + REST)).toBe('trial');
    expect(b.trialStarted(1, 77, T0 + REST)).toEqual({ kind: 'trial', port: 1, messageId: 77 });
    expect(b.gate(1, T0 + REST + 1)).toBe('closed');
  });

  it('a trial that was sent puts the port back', () => {
    const b = outPort();
    b.trialStarted(1, 77, T0 + REST);
    expect(b.outcome(1, true, 77, T0 + REST + 5, REST)).toEqual({ kind: 'back', port: 1, reason: 'trial-sent', messageId: 77 });
    expect(b.gate(1, T0 + REST + 5)).toBe('open');
    expect(b.get(1)).toMatchObject({ rotation: 'in', reason: null, retryAt: null });
  });

  it('a failed trial restarts the rest from the failure', () => {
    const b = outPort();
    const at = T0 + REST + 5;
    b.trialStarted(1, 77, T0 + REST);
    expect(b.outcome(1, false, 77, at, REST)).toEqual({ kind: 'rest-again', port: 1, reason: 'trial-failed', retryAt: at + REST, messageId: 77 });
    expect(b.gate(1, at + REST - 1)).toBe('closed');
    expect(b.gate(1, at + REST)).toBe('trial');
  });

  it('a late result of a send from before the rest does not end the trial', () => {
    const b = outPort();
    b.trialStarted(1, 77, T0 + REST);
    expect(b.outcome(1, true, 3, T0 + REST + 1, REST)).toBeNull();
    expect(b.gate(1, T0 + REST + 1)).toBe('closed');
    expect(b.get(1)?.rotation).toBe('trial');
  });

  it('a trial with no result in time rests the port again', () => {
    const b = outPort();
    b.trialStarted(1, 77, T0 + REST);
    const deadline = b.nextTrialDeadline()!;
    expect(b.expireTrials(deadline - 1, () => REST)).toEqual([]);
    expect(b.expireTrials(deadline, () => REST)).toEqual([{ kind: 'rest-again', port: 1, reason: 'no-trial-result', retryAt: deadline + REST, messageId: 77 }]);
  });

  it('a trial that found the port busy is due again at once; one the box refused rests it', () => {
    const b = outPort();
    b.trialStarted(1, 77, T0 + REST);
    b.trialAborted(1);
    expect(b.gate(1, T0 + REST)).toBe('trial');
    b.trialStarted(1, 78, T0 + REST);
    expect(b.trialRefused(1, T0 + REST + 9, REST)).toMatchObject({ kind: 'rest-again', reason: 'trial-failed', retryAt: T0 + REST + 9 + REST });
  });

  it('a trial in flight when the app stopped waits its full time after a restart', () => {
    const saved = { ...blankRecord(1), rotation: 'trial' as const, reason: 'failing' as const, trialMessageId: 77, retryAt: T0 };
    const b = new PortRotationBook([saved], T0 + 1000);
    expect(b.gate(1, T0 + 1000)).toBe('closed');
    expect(b.nextTrialDeadline()).toBe(T0 + 1000 + 10 * 60_000);
    expect(b.outcome(1, true, 77, T0 + 2000, REST)?.kind).toBe('back');
  });
});

describe('PortRotationBook: the SIM', () => {
  it('records the first IMSI quietly, tells a changed one, and ignores what is not an IMSI', () => {
    const b = book();
    expect(b.imsiSeen(1, '460001234567890', T0)).toEqual({ kind: 'quiet', port: 1 });
    expect(b.imsiSeen(1, '460001234567890', T0 + 1)).toBeNull();
    expect(b.imsiSeen(1, 'not-an-imsi', T0 + 2)).toBeNull();
    expect(b.imsiSeen(1, '460009999999999', T0 + 3)).toEqual({ kind: 'sim-changed', port: 1, imsi: '460009999999999', previousImsi: '460001234567890', triedNow: false });
    expect(b.get(1)).toMatchObject({ imsi: '460009999999999', previousImsi: '460001234567890', imsiChangedAt: T0 + 3 });
  });

  it('a new SIM in a resting port is tried at once', () => {
    const b = book();
    b.imsiSeen(1, '460001234567890', T0);
    feed(b, 2, [true]);
    feed(b, 1, [false, false, false, false, false]);
    expect(b.gate(1, T0 + 1)).toBe('closed');
    expect(b.imsiSeen(1, '460005555555555', T0 + 1)).toMatchObject({ kind: 'sim-changed', triedNow: true });
    expect(b.gate(1, T0 + 1)).toBe('trial');
  });
});

describe('port notices', () => {
  it('say which port of which box and why, in English and Chinese', () => {
    const out = { kind: 'out', port: 2, reason: 'failing', facts: { failures: 5 }, retryAt: T0 + REST } as const;
    expect(portNotice('en', 'Office box', out, 30)).toEqual({
      title: 'Port 2 of Office box taken out of rotation',
      body: 'Its last 5 sends failed. Its messages go to the other ports; it is tried again with one message in 30 minutes.',
    });
    expect(portNotice('zh', 'Office box', out, 30)?.title).toBe('Office box 端口 2 已暂停使用');
    expect(portNotice('en', 'Office box', { kind: 'trial', port: 2, messageId: 1 }, 30)).toBeNull();
  });
});
