/**
 * The Electron shell only: lifecycle, window, tray, single instance, notifications, start at login;
 * wires core ↔ ipc. Everything else lives in ./core and runs without Electron (see headless.ts);
 * the testable parts of the shell are pure modules in ./desktop (window-state.ts, tray-model.ts).
 */
import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from './core/create-core.ts';
import { ElectronStoreSettings } from './desktop/electron-store-settings.ts';
import { createSafeStorageSecrets } from './desktop/safe-storage-secrets.ts';
import { showSystemNotification } from './desktop/system-notifications.ts';
import { setLinuxAutostart } from './desktop/linux-autostart.ts';
import { keepBackupsPrivate } from './desktop/private-downloads.ts';
import { AppTray } from './desktop/tray.ts';
import type { TrayAction } from './desktop/tray-model.ts';
import { MIN_SIZE } from './desktop/window-state.ts';
import { WindowStateStore } from './desktop/window-state-store.ts';
import { lockDown } from './desktop/window-security.ts';
import { registerIpc } from './ipc.ts';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const rendererFileUrl = pathToFileURL(rendererFile).toString();
const trayIcon = join(import.meta.dirname, '../../resources/tray-icon.png');
/** Started by the login item: stay in the tray. */
const startHidden = process.argv.includes('--hidden');

function isTrustedUrl(url: string): boolean {
  if (devServerUrl && !app.isPackaged) return url.startsWith(devServerUrl);
  return url.split('#')[0] === rendererFileUrl;
}

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let tray: AppTray | null = null;
let quitting = false;
let coreStopped = false;
const windowState = new WindowStateStore();

function createWindow(show: boolean): BrowserWindow {
  const initial = windowState.initial();
  const win = new BrowserWindow({
    ...initial.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'SMS Console',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  lockDown(win, isTrustedUrl);
  windowState.track(win);
  if (initial.maximized) win.maximize();
  win.once('ready-to-show', () => {
    if (show) win.show();
  });
  // Closing the window keeps the app (schedules, receiver, polling, sending) running in the tray.
  win.on('close', (event) => {
    if (!quitting) {
      event.preventDefault();
      win.hide();
    }
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  if (devServerUrl && !app.isPackaged) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererFile);
  return win;
}

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createWindow(true);
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function quit(): void {
  quitting = true;
  app.quit();
}

async function refreshTray(): Promise<void> {
  if (!core || !tray) return;
  const status = await core.invoke('sendingStatus', undefined);
  tray.update(status.ok ? (status.value as Parameters<AppTray['update']>[0]) : null, core.context.settings.get().language);
}

function onTrayAction(action: TrayAction): void {
  if (action === 'open') return showWindow();
  if (action === 'quit') return quit();
  void core?.invoke(action === 'pause-all' ? 'campaignsPauseAll' : 'campaignsResumeAll', undefined).then(() => refreshTray());
}

function applyLoginItem(enabled: boolean): void {
  if (process.platform === 'linux') {
    if (app.isPackaged) setLinuxAutostart(enabled, process.env.APPIMAGE ?? process.execPath);
    return;
  }
  app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());

  void app.whenReady().then(async () => {
    core = createCore({
      dataDir: app.getPath('userData'),
      secrets: createSafeStorageSecrets(),
      settings: new ElectronStoreSettings(),
      mode: 'desktop',
      version: app.getVersion(),
      openFolder: async (path) => (await shell.openPath(path)) === '',
      onRestartRequested: () => {
        app.relaunch();
        quit();
      },
    });
    await core.start();
    keepBackupsPrivate(session.defaultSession);
    registerIpc(core, isTrustedUrl, () => BrowserWindow.getAllWindows());
    tray = new AppTray(trayIcon, onTrayAction);
    let trayTimer: ReturnType<typeof setTimeout> | null = null;
    core.subscribe((name, payload) => {
      if (name === 'notify') showSystemNotification(payload as Parameters<typeof showSystemNotification>[0], showWindow);
      if (name === 'settingsChanged') applyLoginItem(core?.context.settings.get().startAtLogin ?? false);
      if (name === 'campaignsChanged' || name === 'campaignProgress' || name === 'settingsChanged') {
        trayTimer ??= setTimeout(() => {
          trayTimer = null;
          void refreshTray();
        }, 500);
      }
    });
    applyLoginItem(core.context.settings.get().startAtLogin);
    await refreshTray();
    const openedAsHidden = startHidden || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
    mainWindow = createWindow(!openedAsHidden);
    app.on('activate', () => showWindow());
  });

  // The app lives in the tray: closing every window does not quit it.
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (!core || coreStopped) return;
    event.preventDefault();
    void core.stop().finally(() => {
      coreStopped = true;
      tray?.destroy();
      app.quit();
    });
  });
}
