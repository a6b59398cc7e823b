import { describe, expect, it } from 'vitest';
import { buildTrayModel } from '../../../src/main/desktop/tray-model.ts';

const ids = (m: ReturnType<typeof buildTrayModel>) => m.items.map((i) => (i === 'separator' ? '-' : `${i.id}${i.enabled ? '' : '(off)'}`));

describe('tray model', () => {
  it('offers open, pause all and quit with the status on top', () => {
    const m = buildTrayModel({ running: 2, paused: 1, pausedAll: false }, 'en');
    expect(ids(m)).toEqual(['status(off)', '-', 'open', 'pause-all', '-', 'quit']);
    expect(m.tooltip).toBe('SMS Console — 2 campaigns sending · 1 paused');
  });

  it('disables pause when nothing is sending, and offers resume after pause all', () => {
    expect(ids(buildTrayModel({ running: 0, paused: 0, pausedAll: false }, 'en'))).toContain('pause-all(off)');
    const paused = buildTrayModel({ running: 0, paused: 3, pausedAll: true }, 'zh');
    expect(ids(paused)).toContain('resume-all');
    expect(paused.tooltip).toBe('SMS Console — 发送已暂停 · 3 个已暂停');
  });

  it('says nothing is sending when the core has not answered', () => {
    expect(buildTrayModel(null, 'en').tooltip).toBe('SMS Console — Nothing is sending');
  });
});
