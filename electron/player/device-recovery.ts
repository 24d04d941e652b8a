import type { Device } from '../../shared/state/now-playing';

export type RecoveryPlan =
  | { readonly kind: 'retry-on'; readonly deviceId: string; readonly why: 'last-used' | 'only-device' }
  | { readonly kind: 'ask-user'; readonly devices: readonly Device[] };

/**
 * After NO_ACTIVE_DEVICE: which device to wake (transfer, then repeat the command), or let the user choose.
 * Pure. Restricted devices accept no Web API commands and id-less devices cannot be targeted, so neither is
 * ever picked automatically.
 */
export function planRecovery(devices: readonly Device[], lastUsedDeviceId: string | null): RecoveryPlan {
  const usable = devices.filter((d): d is Device & { id: string } => d.id !== null && !d.isRestricted);
  const lastUsed = lastUsedDeviceId === null ? undefined : usable.find((d) => d.id === lastUsedDeviceId);
  if (lastUsed) return { kind: 'retry-on', deviceId: lastUsed.id, why: 'last-used' };
  const only = usable.length === 1 ? usable[0] : undefined;
  if (only) return { kind: 'retry-on', deviceId: only.id, why: 'only-device' };
  return { kind: 'ask-user', devices };
}
