/**
 * electron-builder configuration: Linux AppImage + deb, Windows NSIS, macOS dmg.
 * Packaging downloads the Electron binary, so it runs on a connected machine only (README: "Building
 * installers"); tests/unit/desktop/builder-config.test.ts validates this file on every machine.
 * Electron fuses are flipped in build/after-pack.cjs (RunAsNode off, app only from an integrity-checked asar, …).
 */
module.exports = {
  appId: 'com.smsconsole.desktop',
  productName: 'SMS Console',
  executableName: 'sms-console',
  copyright: 'Copyright © 2026 SMS Console contributors',
  directories: { output: 'dist', buildResources: 'build' },
  files: ['out/**/*', 'resources/**/*', 'package.json', '!**/*.map', '!out/renderer/**/*.map'],
  asar: true,
  // better-sqlite3's native module must be a real file on disk.
  asarUnpack: ['**/node_modules/better-sqlite3/**', 'out/main/parse-worker.js'],
  // better-sqlite3 13 is Node-API with bundled binaries: no rebuild against Electron's headers.
  npmRebuild: false,
  // No update feed, no telemetry: the app never calls home (issue 8, "Offline").
  publish: null,
  afterPack: './build/after-pack.cjs',
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icon.png',
    category: 'Office',
    synopsis: 'Send and track SMS through JSMS, an EIMS platform and a LAN GSM gateway',
    maintainer: 'SMS Console <support@example.invalid>',
  },
  deb: { priority: 'optional' },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'SMS Console',
    artifactName: '${productName}-Setup-${version}.${ext}',
  },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    icon: 'build/icon.icns',
    category: 'public.app-category.business',
    hardenedRuntime: true,
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
};
