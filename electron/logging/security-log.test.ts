import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { startHost } from '../host/host';

import { boundedLogger } from './bounded-logger';
import { escapeControl, MAX_SECRETS, memorySink, RootLogger, type LogRecord } from './logger';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'trayplay-log-'));
  dirs.push(dir);
  return dir;
};

describe('attack: forge a log line through app:log', () => {
  it('a renderer message with a newline and a fake timestamp stays inside its own line', async () => {
    const renderer = temp();
    mkdirSync(join(renderer, 'assets'));
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const lines: string[] = [];
    const host = await startHost({ rendererDir: renderer, userDataDir: temp(), logSink: (line) => lines.push(line) });
    try {
      const forged = '2026-12-02T05:00:00.000Z INFO [auth] signed out';
      const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/contract${new URL(host.url).hash.replace('#', '?')}`, { origin: host.origin });
      await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
      socket.send(JSON.stringify({ t: 'cmd', ch: 'app:log', p: { level: 'warn', message: `oops\n${forged}\r\n\u001b[2Kgone\u2028x` } }));
      // A call after the command: once it is answered, the command was handled (same socket, in order).
      socket.send(JSON.stringify({ t: 'call', id: 1, ch: 'app:getInfo' }));
      await new Promise((resolve) => socket.once('message', resolve));
      socket.close();
      const entry = lines.find((line) => line.includes('[renderer]'));
      expect(entry).toBeDefined();
      expect(entry).toContain('oops\\n2026-12-02T05:00:00.000Z INFO [auth] signed out\\r\\n\\u001b[2Kgone\\u2028x');
      // No line anywhere starts with the forged text, and none holds a raw control character.
      expect(lines.flatMap((line) => line.split(/\r\n|\r|\n|\u2028/)).filter((piece) => piece.startsWith(forged))).toEqual([]);
      // eslint-disable-next-line no-control-regex
      expect(lines.filter((line) => /[\u0000-\u001f\u2028\u2029]/.test(line))).toEqual([]);
    } finally {
      await host.close();
    }
  });

  it('escapes every control character, and leaves ordinary text alone', () => {
    expect(escapeControl('a\nb\tc\u0000d\u007fé✓')).toBe('a\\nb\\tc\\u0000d\\u007fé✓');
  });

  it('a flooding renderer is held to its budget, and the drop is reported once', () => {
    const { sink, lines } = memorySink();
    let now = 0;
    const log = boundedLogger(new RootLogger({ sink }).scope('renderer'), { linesPerWindow: 10, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 5000; i += 1) log.error(`spam ${i}`);
    expect(lines).toHaveLength(10);
    now += 60_000;
    log.info('after');
    expect(lines.slice(10)).toEqual([expect.stringContaining('log lines dropped'), expect.stringContaining('after')]);
    expect(lines[10]).toContain('"dropped":4990');
  });
});

describe('redaction covers the record object, Basic credentials and a bounded secret list', () => {
  it('the record handed to the sink is redacted at any depth, not only the line', () => {
    const records: LogRecord[] = [];
    const lines: string[] = [];
    const root = new RootLogger({ sink: (line, record) => (lines.push(line), records.push(record)) });
    root.addSecret('registered-secret-value');
    root.scope('http').warn('failed registered-secret-value', {
      response: { body: '{"access_token":"BQnested-token-value"}', headers: { authorization: 'Bearer xyz123456' } },
      attempts: [{ note: 'registered-secret-value' }],
      error: new Error('with registered-secret-value inside'),
    });
    const dump = JSON.stringify(records) + lines.join('\n');
    for (const secret of ['registered-secret-value', 'BQnested-token-value', 'xyz123456']) expect(dump).not.toContain(secret);
    expect(records[0]!.fields).toMatchObject({ response: { headers: { authorization: '[redacted]' } } });
  });

  it('redacts Authorization: Basic (client credentials) in text', () => {
    const { sink, lines } = memorySink();
    new RootLogger({ sink }).scope('x').warn('sent Authorization: Basic dXNlcjpzZWNyZXQ= to the token endpoint');
    expect(lines[0]).not.toContain('dXNlcjpzZWNyZXQ=');
    expect(lines[0]).toContain('Basic [redacted]');
  });

  it('keeps at most MAX_SECRETS registered (rotated tokens age out); recent and permanent ones stay redacted', () => {
    const { sink, lines } = memorySink();
    const root = new RootLogger({ sink });
    root.addPermanentSecret('launch-secret-forever');
    for (let i = 0; i < 10_000; i += 1) root.addSecret(`rotated-access-token-${i}`);
    expect(root.secretCount()).toBe(MAX_SECRETS + 1);
    root.scope('x').info('rotated-access-token-9999 launch-secret-forever');
    expect(lines[0]).not.toContain('rotated-access-token-9999');
    expect(lines[0]).not.toContain('launch-secret-forever');
    // A Spotify-shaped token is caught by its shape even after it aged out of the list.
    root.scope('x').info(`old AQ${'a'.repeat(60)} and BQ${'b'.repeat(60)}`);
    expect(lines[1]).toBe(lines[1]!.replace(/AQa+|BQb+/g, ''));
  });

  it('the live refresh token outlives any number of refreshes; only rotated-out secrets age out', () => {
    const { sink, lines } = memorySink();
    const root = new RootLogger({ sink });
    // Not Spotify-shaped, so only the secret list can catch it.
    root.addSecret('live-refresh-token-value', 'refresh');
    for (let i = 0; i < 200; i += 1) root.addSecret(`rotated-access-token-${i}`, 'access');
    root.scope('x').info('live-refresh-token-value rotated-access-token-199');
    expect(lines[0]).not.toContain('live-refresh-token-value');
    expect(lines[0]).not.toContain('rotated-access-token-199');
    expect(root.secretCount()).toBeLessThanOrEqual(MAX_SECRETS + 2);
  });

  it('redacts tokens after a URL-encoded separator (refresh_token%3D…, token%3D…) and in token=… form', () => {
    const { sink, lines } = memorySink();
    const log = new RootLogger({ sink }).scope('x');
    const shaped = `AQ${'x'.repeat(50)}`;
    log.info(`body grant_type%3Drefresh_token%26refresh_token%3D${shaped}`);
    log.info('next=%2Fcb%3Ftoken%3Dopaque-value-1234 and ?token=opaque-value-5678');
    expect(lines.join('\n')).not.toMatch(/AQx+|opaque-value/);
  });

  it('redacts an unregistered token shape whatever precedes it (double-encoded refresh_token%253D…, glued to a word)', () => {
    const { sink, lines } = memorySink();
    const log = new RootLogger({ sink }).scope('x');
    const refresh = `AQ${'r'.repeat(50)}`;
    const access = `BQ${'a'.repeat(50)}`;
    log.info(`body=refresh_token%253D${refresh}`);
    log.info(`next=%252Fcb%253Faccess_token%253D${access}`);
    log.info(`prefix${refresh}`);
    expect(lines.join('\n')).not.toMatch(/AQr{10}|BQa{10}/);
  });

  it('escapes control characters in record fields at any depth (they reach "Copy diagnostics")', () => {
    const records: LogRecord[] = [];
    new RootLogger({ sink: (_line, record) => records.push(record) }).scope('x').warn('m', {
      note: 'a\nforged',
      nested: { list: ['b\r\n\u001b[2K', { deep: 'c\u2028d' }] },
      'key\nname': 1,
    });
    expect(records[0]!.fields).toMatchObject({ note: 'a\\nforged', nested: { list: ['b\\r\\n\\u001b[2K', { deep: 'c\\u2028d' }] } });
    expect(Object.keys(records[0]!.fields!)).toContain('key\\nname');
  });
});

describe('attack: a secret used as a field name', () => {
  it('is redacted in the record and the line, by the same rules as values (registered, shaped, key=value), at any depth', () => {
    const records: LogRecord[] = [];
    const lines: string[] = [];
    const root = new RootLogger({ sink: (line, record) => (lines.push(line), records.push(record)) });
    root.addSecret('registered-opaque-name');
    const shaped = `BQ${'k'.repeat(50)}`;
    root.scope('x').warn('cache', {
      'registered-opaque-name': 1,
      [shaped]: 'expiry',
      nested: { list: [{ [`Bearer opaque-key-token-9`]: true }], 'refresh_token=opaque-key-value-7': 2 },
    });
    const dump = JSON.stringify(records) + lines.join('\n');
    for (const secret of ['registered-opaque-name', shaped, 'opaque-key-token-9', 'opaque-key-value-7']) expect(dump).not.toContain(secret);
    // The values stay readable: only the names were secret.
    expect(Object.values(records[0]!.fields!)).toEqual(expect.arrayContaining([1, 'expiry']));
  });
});
