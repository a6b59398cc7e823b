import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Probe {
  mode: string;
  fileBytes: number;
  result: { ok: boolean; value?: { sheets: string[] }; error?: { code: string; message: string } };
  maxRssBeforeMb: number;
  maxRssAfterMb: number;
}

/** Runs zip-bomb-open-probe.ts in a fresh process (see there) and reads its JSON line. */
function probe(mode: 'bomb' | 'big-part'): Probe {
  const script = join(import.meta.dirname, 'zip-bomb-open-probe.ts');
  const m = JSON.parse(execFileSync(process.execPath, [script, mode], { encoding: 'utf8', timeout: 120_000 })) as Probe;
  console.log(`importOpen ${mode}: ${JSON.stringify({ ...m, result: m.result.ok ? m.result.value : m.result.error?.code })}`);
  return m;
}

describe('big zip parts at importOpen (peak RSS of a fresh process)', () => {
  it('refuses a 1 MB .xlsx whose workbook.xml declares 4 GiB (and really inflates to 1 GiB) with a sentence, inflating nothing', () => {
    const m = probe('bomb');
    expect(m.fileBytes).toBeLessThan(2 * 1024 * 1024);
    expect(m.result).toMatchObject({
      ok: false,
      error: { code: 'CONTACTS_ZIP_BOMB', message: expect.stringMatching(/^This workbook (expands \d+ times when opened \(part "xl\/workbook\.xml"\)|would take 4096 MB of memory to open)/) },
    });
    expect(m.maxRssAfterMb).toBeLessThan(300);
  });

  it('opens a workbook whose 500 MB workbook.xml passes the bomb checks without inflating it on main (the analysis reads it)', () => {
    const m = probe('big-part');
    expect(m.result).toMatchObject({ ok: true, value: { sheets: [] } });
    expect(m.maxRssAfterMb).toBeLessThan(300);
  });
});
