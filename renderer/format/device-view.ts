import type { Device } from '../../shared/state/now-playing';

/** Why a device cannot be picked, or null when it can. */
export function deviceBlockedReason(device: Device): string | null {
  if (device.id === null) return 'Spotify doesn’t let apps control this device';
  if (device.isRestricted) return 'This device doesn’t accept commands from apps';
  return null;
}
