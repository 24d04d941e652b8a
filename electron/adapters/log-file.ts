import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, parse } from 'node:path';

import electronLog from 'electron-log/node';

import type { LogLevel, LogSink } from '../logging/logger';

export interface LogFileOptions {
  /** The OS's logs folder (`app.getPath('logs')`). */
  readonly dir: string;
  readonly fileName?: string;
  /** Rotate when the file passes this size. */
  readonly maxBytes?: number;
  /** Older files kept: main.1.log (newest) … main.N.log. */
  readonly keep?: number;
  /** Tests write synchronously; the app never waits on the disk for a log line. */
  readonly sync?: boolean;
}

const LEVEL: Readonly<Record<LogLevel, 'debug' | 'info' | 'warn' | 'error'>> = { debug: 'debug', info: 'info', warn: 'warn', error: 'error' };

/** main.log → main.1.log → … → main.<keep>.log, the oldest dropped. */
export function rotate(file: string, keep: number): void {
  const { dir, name, ext } = parse(file);
  const numbered = (n: number) => join(dir, `${name}.${n}${ext}`);
  rmSync(numbered(keep), { force: true });
  for (let n = keep - 1; n >= 1; n -= 1) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
  renameSync(file, numbered(1));
}

/**
 * electron-log's file transport as a sink behind the one redacting logger: lines arrive already formatted and
 * redacted, and are written as they are; the file rotates by size so a tray app running for months keeps a
 * bounded log.
 */
export function logFileSink(options: LogFileOptions): { sink: LogSink; path: string } {
  const fileName = options.fileName ?? 'main.log';
  const path = join(options.dir, fileName);
  const keep = Math.max(1, options.keep ?? 3);
  const log = electronLog.create({ logId: `trayplay-${fileName}` });
  log.transports.console.level = false;
  const file = log.transports.file;
  file.level = 'debug';
  file.format = '{text}';
  file.maxSize = options.maxBytes ?? 1024 * 1024;
  file.sync = options.sync ?? false;
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  file.resolvePathFn = () => path;
  file.archiveLogFn = (old) => {
    try {
      rotate(old.path, keep);
    } catch {
      // Renaming failed (a file held open on Windows): start over in place rather than grow without bound.
      old.clear();
    }
  };
  return { sink: (line, record) => log[LEVEL[record.level]](line), path };
}
