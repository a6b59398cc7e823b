import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Linux has no login-item API in Electron: start at login is an XDG autostart entry. No Electron import (testable). */
export function autostartFile(configHome = process.env.XDG_CONFIG_HOME || join(homedir(), '.config')): string {
  return join(configHome, 'autostart', 'sms-console.desktop');
}

/** The command to start this app hidden in the tray (an AppImage must be started through its own file). */
export function autostartEntry(exec: string): string {
  const quoted = /[\s"'\\$`]/.test(exec) ? `"${exec.replace(/(["\\$`])/g, '\\$1')}"` : exec;
  return ['[Desktop Entry]', 'Type=Application', 'Name=SMS Console', `Exec=${quoted} --hidden`, 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n');
}

export function setLinuxAutostart(enabled: boolean, exec: string, file = autostartFile()): void {
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, autostartEntry(exec));
}
