import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { RootLogger } from '../logging/logger';

import { logFileSink } from './log-file';

describe('log file sink (electron-log)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'trayplay-logs-'));
    dirs.push(d);
    return d;
  };

  it('writes the logger’s redacted lines as they are', () => {
    const logs = dir();
    const { sink, path } = logFileSink({ dir: logs, sync: true });
    const logger = new RootLogger({ sink });
    logger.addSecret('s3cret-token-value');
    logger.scope('auth').warn('refresh failed with s3cret-token-value', { access_token: 'abc' });
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/WARN \[auth\] refresh failed with \[redacted\]/);
    expect(text).not.toContain('s3cret-token-value');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const logs = dir();
    const { sink } = logFileSink({ dir: logs, sync: true, maxBytes: 2_000, keep: 2, fileName: 'rot.log' });
    const logger = new RootLogger({ sink });
    for (let i = 0; i < 400; i += 1) logger.scope('playback').info(`line ${i} ${'x'.repeat(40)}`);
    expect(readdirSync(logs).sort()).toEqual(['rot.1.log', 'rot.2.log', 'rot.log']);
    for (const f of readdirSync(logs)) expect(statSync(join(logs, f)).size).toBeLessThan(2_200);
    // The newest line is in the live file, the one before the rotation in .1.
    expect(readFileSync(join(logs, 'rot.log'), 'utf8')).toContain('line 399');
    const total = readdirSync(logs).reduce((n, f) => n + statSync(join(logs, f)).size, 0);
    expect(total).toBeLessThan(7_000);
  });
});
