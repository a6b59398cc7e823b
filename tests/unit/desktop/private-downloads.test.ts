import { EventEmitter } from 'node:events';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchDownload } from '../../../src/main/desktop/private-downloads.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

/** A download as Electron reports it: a name, where it was saved, and 'done' with its state. */
function download(path: string): EventEmitter & { getFilename(): string; getSavePath(): string } {
  return Object.assign(new EventEmitter(), { getFilename: () => path.split('/').pop()!, getSavePath: () => path });
}

describe.skipIf(process.platform === 'win32')('saved backups', () => {
  it('are made 0600 once complete; other downloads and unfinished ones are left alone', () => {
    const tmp = makeTempDir('sms-dl-');
    try {
      const files = ['a.smsbackup', 'b.smsbackup', 'list.csv'].map((n) => join(tmp.dir, n));
      for (const f of files) {
        writeFileSync(f, 'x');
        chmodSync(f, 0o644);
      }
      const [done, cancelled, csv] = files.map((f) => download(f!));
      for (const d of [done, cancelled, csv]) watchDownload(d!, 'linux');
      done!.emit('done', {}, 'completed');
      cancelled!.emit('done', {}, 'cancelled');
      csv!.emit('done', {}, 'completed');
      expect(files.map((f) => (statSync(f!).mode & 0o777).toString(8))).toEqual(['600', '644', '644']);
    } finally {
      tmp.cleanup();
    }
  });
});
