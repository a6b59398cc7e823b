/**
 * electron-builder afterPack hook: flips the Electron fuses of the packed binary before it is signed
 * and wrapped in an installer. @electron/fuses is a devDependency (plain JS, no download).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook that electron-builder require()s */
const { join } = require('node:path');

/** Fuse name (FuseV1Options key) → wanted value. Validated by tests/unit/desktop/builder-config.test.ts. */
const FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};

/** Where the Electron executable (or, on macOS, the .app bundle) is inside electron-builder's output. */
function binaryPath(platform, appOutDir, productFilename, executableName) {
  if (platform === 'darwin' || platform === 'mas') return join(appOutDir, `${productFilename}.app`);
  if (platform === 'win32') return join(appOutDir, `${productFilename}.exe`);
  return join(appOutDir, executableName);
}

async function afterPack(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const platform = context.electronPlatformName;
  const target = binaryPath(platform, context.appOutDir, context.packager.appInfo.productFilename, context.packager.executableName);
  const options = { version: FuseVersion.V1, resetAdHocDarwinSignature: platform === 'darwin' && context.arch === 3 /* arm64 */ };
  for (const [name, value] of Object.entries(FUSES)) {
    if (!(name in FuseV1Options)) throw new Error(`Unknown Electron fuse ${name}`);
    options[FuseV1Options[name]] = value;
  }
  await flipFuses(target, options);
}

module.exports = { default: afterPack, FUSES, binaryPath };
