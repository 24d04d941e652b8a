import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What a set-aside note holds: enough to diagnose, never the content (it held the token envelope). */
interface SetAsideNote {
  readonly format: 'trayplay-set-aside';
  readonly reason: string;
  readonly size: number;
  readonly time: string;
}

const noteFor = (reason: string, size: number, now: number): string =>
  JSON.stringify({ format: 'trayplay-set-aside', reason, size, time: new Date(now).toISOString() } satisfies SetAsideNote);

/**
 * Sets a damaged store file aside: `<path>.corrupt-<ms>` gets a note {reason, size, time} and the file goes.
 * The content is never copied: a whole-file copy kept the token envelope, which outlived sign-out and still
 * decrypted. The note is written before the unlink, so a crash between them leaves the original for next time.
 */
export function setAsideDamagedFile(path: string, reason: string, now: number = Date.now()): void {
  if (!existsSync(path)) return;
  writeFileSync(`${path}.corrupt-${now}`, noteFor(reason, statSync(path).size, now), { mode: 0o600 });
  unlinkSync(path);
}

/** Older builds renamed the whole file aside; replace any such copy next to `path` with a note. */
export function scrubSetAsideCopies(path: string): void {
  const prefix = `${basename(path)}.corrupt-`;
  const dir = dirname(path);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const file = join(dir, name);
    try {
      const text = readFileSync(file, 'utf8');
      if (isNote(text)) continue;
      writeFileSync(file, noteFor('set aside by an older version; content removed', text.length, statSync(file).mtimeMs), { mode: 0o600 });
    } catch {
      // Unreadable or vanished: nothing we can scrub; it is not ours to fail the launch over.
    }
  }
}

function isNote(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && (parsed as { format?: unknown }).format === 'trayplay-set-aside' && Object.keys(parsed).length === 4;
  } catch {
    return false;
  }
}
