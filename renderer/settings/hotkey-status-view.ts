import type { HotkeyReport, HotkeyStatus } from '../../shared/state/desktop';
import type { HotkeyBindings, HotkeyCommand } from '../../shared/state/preferences';

export const COMMAND_LABELS: Readonly<Record<HotkeyCommand, string>> = {
  playPause: 'Play / pause',
  next: 'Next track',
  previous: 'Previous track',
  toggleLike: 'Like / unlike',
  volumeUp: 'Volume up',
  volumeDown: 'Volume down',
  seekForward: 'Seek forward',
  seekBackward: 'Seek back',
  toggleMini: 'Show / hide the mini-player',
  showMain: 'Show the main window',
};

export type StatusTone = 'success' | 'neutral' | 'warning' | 'danger';

/** A binding's registration report from main, in words, with how worried to look. */
export function hotkeyStatusView(status: HotkeyStatus): { readonly text: string; readonly tone: StatusTone } {
  switch (status.kind) {
    case 'registered':
      return { text: 'Registered', tone: 'success' };
    case 'unbound':
      return { text: 'Not set', tone: 'neutral' };
    case 'pending':
      return { text: 'Not applied yet', tone: 'neutral' };
    case 'invalid':
      return { text: `Not a valid shortcut: ${status.reason}`, tone: 'danger' };
    case 'taken':
      return { text: 'Taken by another app: choose another shortcut', tone: 'danger' };
    case 'conflict':
      return { text: `Same shortcut as “${COMMAND_LABELS[status.with]}”`, tone: 'danger' };
    case 'needsAccessibility':
      return { text: 'Needs Accessibility permission: System Settings › Privacy & Security › Accessibility', tone: 'warning' };
    case 'unsupported':
      return { text: `Not supported here: ${status.reason}`, tone: 'warning' };
    case 'failed':
      return { text: `Could not register: ${status.reason}`, tone: 'danger' };
  }
}

/** Main's report for a command, or what to assume before main reported (unbound, or pending). */
export function reportFor(command: HotkeyCommand, bindings: HotkeyBindings, reports: readonly HotkeyReport[]): HotkeyStatus {
  const accelerator = bindings[command];
  const report = reports.find((r) => r.command === command && r.accelerator === accelerator);
  if (report !== undefined) return report.status;
  return accelerator === null ? { kind: 'unbound' } : { kind: 'pending' };
}
