import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE } from '../private-files.ts';

export interface RotatingFileOptions {
  dir: string;
  /** Base name: `app.log`, then `app.1.log` (newest rotated) … `app.<maxFiles-1>.log`. */
  name?: string;
  /** Rotate when the current file would pass this size. */
  maxBytes?: number;
  /** Files kept in all, the current one included. */
  maxFiles?: number;
}

/**
 * An append-only file that rotates by size and keeps at most N files. Writes are synchronous so a crash
 * loses nothing written. The folder is 0700 and every file 0600 (older ones are tightened on open).
 */
export class RotatingFile {
  readonly dir: string;
  private readonly base: string;
  private readonly ext: string;
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  private size: number;

  constructor(options: RotatingFileOptions) {
    this.dir = options.dir;
    const name = options.name ?? 'app.log';
    const dot = name.lastIndexOf('.');
    this.base = dot > 0 ? name.slice(0, dot) : name;
    this.ext = dot > 0 ? name.slice(dot) : '';
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.maxFiles = Math.max(1, options.maxFiles ?? 5);
    ensurePrivateDir(this.dir);
    makePrivate(...this.files());
    this.size = existsSync(this.current) ? statSync(this.current).size : 0;
  }

  get current(): string {
    return this.fileAt(0);
  }

  fileAt(index: number): string {
    return join(this.dir, index === 0 ? `${this.base}${this.ext}` : `${this.base}.${index}${this.ext}`);
  }

  /** Every log file that exists, newest first. */
  files(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.maxFiles; i++) if (existsSync(this.fileAt(i))) out.push(this.fileAt(i));
    return out;
  }

  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    appendFileSync(this.current, line, PRIVATE_FILE);
    this.size += bytes;
  }

  private rotate(): void {
    rmSync(this.fileAt(this.maxFiles - 1), { force: true });
    for (let i = this.maxFiles - 2; i >= 0; i--) {
      if (existsSync(this.fileAt(i))) renameSync(this.fileAt(i), this.fileAt(i + 1));
    }
    this.size = 0;
  }
}
