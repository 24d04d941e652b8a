import type { DeviceState } from '../types';

/** The user's devices: a computer, a phone, a speaker without volume control and a restricted TV. */
export function defaultDevices(): DeviceState[] {
  return [
    { id: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', name: 'Studio Laptop', type: 'Computer', isActive: false, isRestricted: false, isPrivateSession: false, supportsVolume: true, volumePercent: 64 },
    { id: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890', name: 'Pocket Phone', type: 'Smartphone', isActive: false, isRestricted: false, isPrivateSession: false, supportsVolume: true, volumePercent: 80 },
    { id: 'c3d4e5f60718293a4b5c6d7e8f90123456789012', name: 'Kitchen Speaker', type: 'Speaker', isActive: false, isRestricted: false, isPrivateSession: false, supportsVolume: false, volumePercent: 100 },
    { id: 'd4e5f60718293a4b5c6d7e8f9012345678901234', name: 'Hotel TV', type: 'TV', isActive: false, isRestricted: true, isPrivateSession: false, supportsVolume: false, volumePercent: null },
  ];
}

export const COMPUTER_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const PHONE_ID = 'b2c3d4e5f60718293a4b5c6d7e8f901234567890';
export const SPEAKER_ID = 'c3d4e5f60718293a4b5c6d7e8f90123456789012';
export const RESTRICTED_ID = 'd4e5f60718293a4b5c6d7e8f9012345678901234';
