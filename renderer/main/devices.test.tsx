import { afterEach, describe, expect, it } from 'vitest';

import { ok } from '../../shared/result';
import { deviceBlockedReason } from '../components/devices/devices-section';
import { appState, device } from '../testing/fixtures';
import { failWith, mount, type Mounted } from '../testing/mount';
import { click } from '../testing/render';

let view: Mounted | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

describe('devices section', () => {
  it('lists devices with the active one marked and restricted ones disabled', async () => {
    view = await mount(appState());
    const rows = view.allByTestId<HTMLButtonElement>('device');
    expect(view.byTestId('device-list')).toBeTruthy();
    expect(rows.map((r) => r.dataset.deviceId)).toEqual(['dev-1', 'dev-2', 'dev-3']);
    expect(rows[0]!.getAttribute('aria-current')).toBe('true');
    expect(rows[0]!.textContent).toContain('Playing here');
    expect(rows[2]!.disabled).toBe(true);
    expect(rows[2]!.title).toMatch(/doesn’t accept commands/);
    expect(rows[1]!.disabled).toBe(false);
  });

  it('transfers playback on click and reloads the list', async () => {
    view = await mount(appState());
    const before = view.channels().filter((c) => c === 'player:listDevices').length;
    await click(view.allByTestId('device')[1]!);
    expect(view.payloadOf('player:transfer')).toEqual({ deviceId: 'dev-2' });
    expect(view.channels().filter((c) => c === 'player:listDevices').length).toBe(before + 1);
  });

  it('refreshes on demand and shows an empty list helpfully', async () => {
    view = await mount(appState(), { 'player:listDevices': () => ok([]) });
    expect(view.byTestId('devices-empty').textContent).toMatch(/No devices found/);
    await click(view.byTestId('refresh-devices'));
    expect(view.channels().filter((c) => c === 'player:listDevices').length).toBeGreaterThanOrEqual(2);
  });

  it('shows why devices could not be listed', async () => {
    view = await mount(appState(), { 'player:listDevices': failWith('network', 'Spotify could not be reached') });
    expect(view.byTestId('devices-error').textContent).toBe('Spotify could not be reached');
  });

  it('explains why a device cannot be picked', () => {
    expect(deviceBlockedReason(device())).toBeNull();
    expect(deviceBlockedReason(device({ id: null }))).toMatch(/control/);
    expect(deviceBlockedReason(device({ isRestricted: true }))).toMatch(/accept/);
  });
});
