import { chmodSync } from 'node:fs';
import type { DownloadItem, Session } from 'electron';

/**
 * A backup (Settings → Data → Back up now) holds the whole database: once Chromium has saved it where
 * the user chose, it is made readable by this user only (0600) on POSIX, like the data folder itself.
 * Other downloads (list exports) are left as the user's umask makes them.
 */
type Item = Pick<DownloadItem, 'getFilename' | 'getSavePath'> & { once(event: 'done', listener: (event: unknown, state: string) => void): unknown };

export function watchDownload(item: Item, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32' || !item.getFilename().endsWith('.smsbackup')) return;
  item.once('done', (_event, state) => {
    if (state !== 'completed') return;
    try {
      chmodSync(item.getSavePath(), 0o600);
    } catch {
      /* moved or deleted meanwhile: nothing to protect */
    }
  });
}

export function keepBackupsPrivate(session: Pick<Session, 'on'>): void {
  session.on('will-download', (_event, item) => watchDownload(item));
}
