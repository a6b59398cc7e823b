import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartEntry, autostartFile, setLinuxAutostart } from '../../../src/main/desktop/linux-autostart.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

describe('Linux start at login', () => {
  it('writes and removes an XDG autostart entry that starts hidden', () => {
    const tmp = makeTempDir('sms-autostart-');
    try {
      const file = autostartFile(tmp.dir);
      expect(file).toBe(join(tmp.dir, 'autostart', 'sms-console.desktop'));
      setLinuxAutostart(true, '/opt/SMS Console/sms-console', file);
      expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/SMS Console/sms-console" --hidden');
      setLinuxAutostart(false, '/x', file);
      expect(existsSync(file)).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });

  it('quotes nothing when the path needs no quotes', () => {
    expect(autostartEntry('/usr/bin/sms-console')).toContain('Exec=/usr/bin/sms-console --hidden\n');
  });
});
