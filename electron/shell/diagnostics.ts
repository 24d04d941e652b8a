import type { AppInfo, AppState } from '../../shared/state/app-state';
import type { HotkeyStatus } from '../../shared/state/desktop';
import { escapeControl, type LogSink } from '../logging/logger';

/**
 * The last warnings and errors, kept for "Copy diagnostics". What is kept is the logger's finished line, not
 * its record: the line is redacted after the fields are serialised (a secret in a field name, or spread over
 * fields, is caught there and not in the record) and carries no control or line-separator character.
 */
export class RecentProblems {
  private readonly lines: string[] = [];

  public constructor(private readonly keep = 30) {}

  public readonly sink: LogSink = (line, record) => {
    if (record.level !== 'warn' && record.level !== 'error') return;
    this.lines.push(line);
    if (this.lines.length > this.keep) this.lines.shift();
  };

  public list(): readonly string[] {
    return this.lines;
  }
}

export interface DiagnosticsInput {
  readonly info: AppInfo;
  readonly versions: Readonly<Record<string, string | undefined>>;
  readonly os: { readonly platform: string; readonly release: string; readonly arch: string };
  readonly session: string;
  readonly state: AppState;
  /** Log lines as the logger wrote them (redacted, one line each). */
  readonly problems: readonly string[];
}

/**
 * Belt and braces on top of the logger's redaction: a bug report is pasted in public. Account and user ids,
 * Client IDs, e-mail addresses, URL queries (codes, states) and anything token-shaped are replaced.
 */
const SCRUB: ReadonlyArray<readonly [RegExp, string]> = [
  [/spotify:user:[^\s"',}]+/gi, 'spotify:user:[redacted]'],
  [/\b[0-9a-f]{32}\b/gi, '[id]'],
  [/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[email]'],
  [/(https?:\/\/[^\s"'?#]+)[?#][^\s"']*/gi, '$1?[redacted]'],
  [/\b[A-Za-z0-9_-]{40,}\b/g, '[redacted]'],
  [/("(?:user|userId|user_id|account|accountId|id|email|display_name|name|country)"\s*:\s*)"[^"]*"/gi, '$1"[redacted]"'],
];

export function scrub(text: string): string {
  return SCRUB.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

const statusWord = (status: HotkeyStatus): string => (status.kind === 'conflict' ? `conflict(${status.with})` : status.kind);

/** Plain text: what a maintainer needs to place a bug, and nothing about who the user is or what they hear. */
export function buildDiagnostics(input: DiagnosticsInput): string {
  const { info, state } = input;
  const { nowPlaying, controls, notice } = state.playback;
  const playing = 'isPlaying' in nowPlaying ? (nowPlaying.isPlaying ? 'playing' : 'paused') : '-';
  const caps = Object.entries(state.desktop.capabilities).map(([name, cap]) => `${name}=${cap.kind}`);
  const lines = [
    `Trayplay ${info.version} (${info.shell}${info.demo ? ', demo mode' : ''})`,
    `Runtime: ${Object.entries(input.versions)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `OS: ${input.os.platform} ${input.os.release} ${input.os.arch}; session ${input.session}`,
    `Sign-in: ${state.auth.kind}; redirect ${state.authSettings.redirectMode}; storage ${state.authSettings.storage.backend}${state.authSettings.storage.secure ? '' : ' (not secure)'}`,
    `Playback: ${nowPlaying.kind}${nowPlaying.kind === 'unavailable' ? `/${nowPlaying.reason}` : ''} ${playing}; controls ${controls.readOnly ? 'read-only' : 'on'}; notice ${notice?.kind ?? 'none'}`,
    `Capabilities: ${caps.join(', ')}`,
    `Hotkeys: ${state.desktop.hotkeys.map((r) => `${r.command}=${statusWord(r.status)}`).join(', ') || 'none'}`,
    `Media keys (${state.preferences.hotkeys.mediaKeys}): ${state.desktop.mediaKeys.map((r) => `${r.key}=${statusWord(r.status)}`).join(', ') || 'none'}`,
    `Media session: ${state.desktop.mediaSession.kind}; local client ${state.desktop.localClient.present ? 'present' : 'absent'}`,
    `Settings: notifications ${state.preferences.notifications.trackChange ? 'on' : 'off'}, start at login ${state.preferences.startAtLogin ? 'on' : 'off'}, mini ${state.preferences.mini.sizeMode}${state.preferences.mini.alwaysOnTop ? ' on top' : ''}`,
    '',
    `Recent problems (${input.problems.length}):`,
    // Escaped again: a line from another sink than the logger must not add lines to the report either.
    ...input.problems.map((line) => escapeControl(line)),
  ];
  return scrub(lines.join('\n')).slice(0, 20_000);
}
