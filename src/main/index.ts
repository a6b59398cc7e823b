/**
 * The Electron shell only: lifecycle, window, single instance; wires core ↔ ipc.
 * Everything else lives in ./core and runs without Electron (see headless.ts).
 */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from './core/create-core.ts';
import { ElectronStoreSettings } from './desktop/electron-store-settings.ts';
import { SafeStorageSecretStore } from './desktop/safe-storage-secrets.ts';
import { lockDown } from './desktop/window-security.ts';
import { registerIpc } from './ipc.ts';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const rendererFileUrl = pathToFileURL(rendererFile).toString();

function isTrustedUrl(url: string): boolean {
  if (devServerUrl && !app.isPackaged) return url.startsWith(devServerUrl);
  return url.split('#')[0] === rendererFileUrl;
}

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
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
  win.once('ready-to-show', () => win.show());
  if (devServerUrl && !app.isPackaged) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererFile);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  void app.whenReady().then(async () => {
    core = createCore({
      dataDir: app.getPath('userData'),
      secrets: new SafeStorageSecretStore(),
      settings: new ElectronStoreSettings(),
      mode: 'desktop',
      version: app.getVersion(),
    });
    await core.start();
    registerIpc(core, isTrustedUrl, () => BrowserWindow.getAllWindows());
    mainWindow = createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void core?.stop();
  });
}
