import type { ReactElement } from 'react';

import { err, ok } from '../../shared/result';
import type { AppState } from '../../shared/state/app-state';
import { MainApp } from '../main/main-app';
import { MiniApp } from '../mini/mini-app';

import { createFakeApi, type FakeApi } from './fake-api';
import { device } from './fixtures';
import { perform, render, type Rendered } from './render';

export interface Mounted extends Rendered {
  readonly fake: FakeApi;
  /** Channels called so far, in order. */
  channels(): string[];
  payloadOf(channel: string): unknown;
}

const INFO = { name: 'Trayplay', version: '0.1.0', platform: 'linux', shell: 'electron', demo: false } as const;

/** Renders a whole window against a fake main that answers `getState` with `state`. */
export async function mount(
  state: AppState,
  handlers: Record<string, (payload: unknown) => unknown> = {},
  window: 'main' | 'mini' = 'main',
): Promise<Mounted> {
  const fake = createFakeApi({
    'app:getState': () => ok(state),
    'app:getInfo': () => ok(INFO),
    'player:listDevices': () =>
      ok([
        device(),
        device({ id: 'dev-2', name: 'Phone', type: 'Smartphone', isActive: false, volumePercent: null }),
        device({ id: 'dev-3', name: 'Car', type: 'Automobile', isActive: false, isRestricted: true }),
      ]),
    ...handlers,
  });
  // The parts loaded after the first paint, loaded up front so the first render already has them.
  await Promise.all([import('../main/sections'), import('../mini/mini-devices'), import('../settings/settings-page')]);
  const element: ReactElement = window === 'main' ? <MainApp api={fake.api} /> : <MiniApp api={fake.api} />;
  const view = await render(element);
  await perform(() => undefined);
  return {
    ...view,
    fake,
    channels: () => fake.calls.map(([channel]) => channel),
    payloadOf: (channel) => fake.calls.findLast(([c]) => c === channel)?.[1],
  };
}

export const failWith = (code: Parameters<typeof err>[0], message: string, extra: Parameters<typeof err>[2] = {}) => () =>
  err(code, message, extra);
