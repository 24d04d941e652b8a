import type { MediaSessionStatus } from '../../shared/state/desktop';
import type { MiniSizeMode } from '../../shared/state/preferences';

export const SIZE_MODE_LABELS: Readonly<Record<MiniSizeMode, string>> = {
  bar: 'Bar: one thin line',
  compact: 'Compact: art, title and controls',
  square: 'Square: large album art',
  expanded: 'Expanded: compact plus devices',
};

export function mediaSessionText(status: MediaSessionStatus): string {
  switch (status.kind) {
    case 'off':
      return 'Trayplay is not in the system’s media controls.';
    case 'unavailable':
      return `The system’s media controls are not available: ${status.reason}.`;
    case 'published':
      return 'Trayplay shows in the system’s media controls.';
    case 'steppedBack':
      return `Trayplay stepped back: ${status.reason}.`;
  }
}
