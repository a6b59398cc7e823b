/**
 * The installer configuration, validated where packaging cannot run: the electron-builder config's
 * shape, the icons it points at, and the afterPack hook flipping the fuses of a stand-in Electron binary.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeTempDir } from '../../helpers/temp-dir.ts';

const root = join(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const config: unknown = require(join(root, 'electron-builder.config.cjs'));
const hook = require(join(root, 'build/after-pack.cjs')) as {
  default: (context: unknown) => Promise<void>;
  FUSES: Record<string, boolean>;
  binaryPath: (platform: string, dir: string, productFilename: string, executableName: string) => string;
};

const target = (name: string) => z.union([z.literal(name), z.object({ target: z.literal(name), arch: z.array(z.string()).optional() })]);
const builderSchema = z.object({
  appId: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/),
  productName: z.literal('SMS Console'),
  asar: z.literal(true),
  npmRebuild: z.literal(false),
  publish: z.null(),
  afterPack: z.string(),
  files: z.array(z.string()).refine((f) => f.includes('out/**/*') && f.includes('resources/**/*')),
  asarUnpack: z.array(z.string()).refine((f) => f.some((p) => p.includes('better-sqlite3'))),
  linux: z.object({ target: z.tuple([target('AppImage'), target('deb')]), icon: z.string(), category: z.string(), maintainer: z.string() }),
  win: z.object({ target: z.array(target('nsis')).length(1), icon: z.string().endsWith('.ico') }),
  nsis: z.object({ oneClick: z.boolean(), perMachine: z.boolean() }),
  mac: z.object({ target: z.array(target('dmg')).length(1), icon: z.string().endsWith('.icns'), hardenedRuntime: z.literal(true) }),
});

const pngSize = (file: string) => {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
};

describe('electron-builder configuration', () => {
  const parsed = builderSchema.parse(config);

  it('targets AppImage + deb, NSIS and dmg with an app id, product name and no update feed', () => {
    expect(parsed.appId).toBe('com.smsconsole.desktop');
    expect(existsSync(join(root, parsed.afterPack))).toBe(true);
  });

  it('runs the fuse-flipping hook after packing: the one tested below, as the default export electron-builder calls', () => {
    expect(require(join(root, parsed.afterPack))).toBe(hook);
    expect(typeof hook.default).toBe('function');
  });

  it('points at icons that exist in the sizes each platform needs', () => {
    expect(pngSize(join(root, parsed.linux.icon))).toEqual([512, 512]);
    const ico = readFileSync(join(root, parsed.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toContain(256);
    const icns = readFileSync(join(root, parsed.mac.icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic09'))).toBe(true);
    expect(pngSize(join(root, 'resources/tray-icon.png'))).toEqual([32, 32]);
  });
});

describe('afterPack fuses', () => {
  it('names only fuses @electron/fuses knows, with the hardening the issue asks for', async () => {
    const { FuseV1Options } = await import('@electron/fuses');
    for (const name of Object.keys(hook.FUSES)) expect(FuseV1Options, name).toHaveProperty(name);
    expect(hook.FUSES).toMatchObject({
      RunAsNode: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
    });
  });

  it('finds the binary electron-builder produced on each platform', () => {
    expect(hook.binaryPath('linux', '/o', 'SMS Console', 'sms-console')).toBe(join('/o', 'sms-console'));
    expect(hook.binaryPath('win32', '/o', 'SMS Console', 'sms-console')).toBe(join('/o', 'SMS Console.exe'));
    expect(hook.binaryPath('darwin', '/o', 'SMS Console', 'sms-console')).toBe(join('/o', 'SMS Console.app'));
  });

  it('flips the fuse wire of a (stand-in) Linux Electron binary', async () => {
    const { FuseV1Options, getCurrentFuseWire } = await import('@electron/fuses');
    const tmp = makeTempDir('sms-fuses-');
    try {
      const fuses = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
      // Electron's wire: sentinel, version 1, length, then one byte per fuse ('1' on, '0' off).
      const wire = Buffer.concat([Buffer.from('junk before'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, fuses.length]), Buffer.alloc(fuses.length, 0x31), Buffer.from('junk after')]);
      const binary = join(tmp.dir, 'sms-console');
      writeFileSync(binary, wire);
      await hook.default({ electronPlatformName: 'linux', arch: 1, appOutDir: tmp.dir, packager: { appInfo: { productFilename: 'SMS Console' }, executableName: 'sms-console' } });
      const after = await getCurrentFuseWire(binary);
      for (const [name, value] of Object.entries(hook.FUSES)) {
        const index = FuseV1Options[name as keyof typeof FuseV1Options];
        expect(after[index as keyof typeof after], name).toBe(value ? 49 : 48);
      }
    } finally {
      tmp.cleanup();
    }
  });
});
