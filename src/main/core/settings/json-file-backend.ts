import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivate, PRIVATE_FILE } from '../private-files.ts';
import type { SettingsBackend } from '../ports.ts';

/** Settings in a JSON file (headless mode and tests). Written atomically (temp file, then rename), 0600. */
export class JsonFileSettingsBackend implements SettingsBackend {
  private readonly file: string;
  constructor(file: string) {
    this.file = file;
  }
  read(): unknown {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
    } catch {
      return {};
    }
  }
  write(value: unknown): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(value, null, 2), PRIVATE_FILE);
    makePrivate(tmp);
    renameSync(tmp, this.file);
  }
}

export class MemorySettingsBackend implements SettingsBackend {
  private value: unknown = {};
  read() {
    return this.value;
  }
  write(value: unknown) {
    this.value = structuredClone(value);
  }
}
