import { describe, expect, it } from 'vitest';

import type { Device } from '../../shared/state/now-playing';

import { planRecovery } from './device-recovery';

const device = (id: string | null, patch: Partial<Device> = {}): Device => ({
  id,
  name: id ?? 'ghost',
  type: 'Computer',
  isActive: false,
  isRestricted: false,
  isPrivateSession: false,
  supportsVolume: true,
  volumePercent: 50,
  ...patch,
});

describe('planRecovery', () => {
  it('prefers the last-used device when it is listed', () => {
    expect(planRecovery([device('a'), device('b')], 'b')).toEqual({ kind: 'retry-on', deviceId: 'b', why: 'last-used' });
  });

  it('uses the only controllable device', () => {
    expect(planRecovery([device('a'), device('tv', { isRestricted: true }), device(null)], 'gone')).toEqual({
      kind: 'retry-on',
      deviceId: 'a',
      why: 'only-device',
    });
  });

  it('asks the user when there is a choice or nothing usable', () => {
    expect(planRecovery([device('a'), device('b')], null).kind).toBe('ask-user');
    expect(planRecovery([], 'a').kind).toBe('ask-user');
    expect(planRecovery([device('tv', { isRestricted: true })], 'tv').kind).toBe('ask-user');
  });
});
