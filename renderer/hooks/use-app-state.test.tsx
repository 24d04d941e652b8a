import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';

import type { TrayplayApi } from '../../shared/contract';
import { err, ok } from '../../shared/result';
import type { Connection, ConnectionStatus } from '../bridge/connection';
import { createFakeApi } from '../testing/fake-api';
import { appState } from '../testing/fixtures';
import { perform, render } from '../testing/render';

import { requestStateEarly } from '../bridge/early-state';

import { pickNewer, useAppState } from './use-app-state';

function Probe({ api, connection }: { api: TrayplayApi; connection?: Connection }): ReactElement {
  const state = useAppState(api, connection);
  return <p data-testid="rev">{state === null ? 'none' : String(state.rev)}</p>;
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('pickNewer', () => {
  it('keeps the higher rev', () => {
    const a = appState({ rev: 5 });
    const b = appState({ rev: 4 });
    expect(pickNewer(null, b)).toBe(b);
    expect(pickNewer(a, b)).toBe(a);
    expect(pickNewer(b, a)).toBe(a);
    expect(pickNewer(a, appState({ rev: 5 }))).toBe(a);
  });
});

describe('useAppState', () => {
  it('subscribes before taking the snapshot', async () => {
    const fake = createFakeApi({ 'app:getState': () => ok(appState({ rev: 3 })) });
    const order: string[] = [];
    const api: TrayplayApi = {
      ...fake.api,
      app: {
        ...fake.api.app,
        onState: (listener) => (order.push('subscribe'), fake.api.app.onState(listener)),
        getState: () => (order.push('snapshot'), fake.api.app.getState()),
      },
    };
    const view = await render(<Probe api={api} />);
    expect(order).toEqual(['subscribe', 'snapshot']);
    expect(view.byTestId('rev').textContent).toBe('3');
    await view.unmount();
  });

  it('never lets a late snapshot overwrite a newer push', async () => {
    const snapshot = deferred<unknown>();
    const fake = createFakeApi({ 'app:getState': () => snapshot.promise });
    const view = await render(<Probe api={fake.api} />);
    expect(view.byTestId('rev').textContent).toBe('none');
    await perform(() => fake.emit('app:onState', appState({ rev: 7 })));
    expect(view.byTestId('rev').textContent).toBe('7');
    await perform(() => snapshot.resolve(ok(appState({ rev: 6 }))));
    expect(view.byTestId('rev').textContent).toBe('7');
    await perform(() => fake.emit('app:onState', appState({ rev: 8 })));
    expect(view.byTestId('rev').textContent).toBe('8');
    await view.unmount();
  });

  it('re-takes the snapshot after a reconnection, even if the host restarted its revs', async () => {
    let snapshotRev = 10;
    const fake = createFakeApi({ 'app:getState': () => ok(appState({ rev: snapshotRev })) });
    const listeners = new Set<(status: ConnectionStatus, reconnected: boolean) => void>();
    const connection: Connection = {
      status: () => 'open',
      onStatus: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    };
    const view = await render(<Probe api={fake.api} connection={connection} />);
    expect(view.byTestId('rev').textContent).toBe('10');
    snapshotRev = 2;
    await perform(() => {
      for (const listener of listeners) listener('open', true);
    });
    expect(view.byTestId('rev').textContent).toBe('2');
    expect(fake.calls.filter(([channel]) => channel === 'app:getState')).toHaveLength(2);
    await view.unmount();
    expect(listeners.size).toBe(0);
  });

  it('retries a failed snapshot until state arrives', async () => {
    let attempts = 0;
    const fake = createFakeApi({
      'app:getState': () => (++attempts < 2 ? err('transport', 'host starting') : ok(appState({ rev: 4 }))),
    });
    const view = await render(<Probe api={fake.api} />);
    expect(view.byTestId('rev').textContent).toBe('none');
    expect(fake.calls.some(([channel]) => channel === 'app:log')).toBe(true);
    await perform(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await perform(() => undefined);
    expect(view.byTestId('rev').textContent).toBe('4');
    expect(attempts).toBe(2);
    await view.unmount();
  });

  it('drops pushes that fail the schema', async () => {
    const fake = createFakeApi({ 'app:getState': () => ok(appState({ rev: 1 })) });
    const view = await render(<Probe api={fake.api} />);
    await perform(() => fake.emit('app:onState', { rev: 99 }));
    expect(view.byTestId('rev').textContent).toBe('1');
    await view.unmount();
  });

  it('uses the snapshot asked for before React mounted, and a push that came meanwhile', async () => {
    const snapshot = deferred<unknown>();
    const fake = createFakeApi({ 'app:getState': () => snapshot.promise });
    requestStateEarly(fake.api);
    expect(fake.calls.filter(([channel]) => channel === 'app:getState')).toHaveLength(1);
    fake.emit('app:onState', appState({ rev: 9 }));
    await perform(() => snapshot.resolve(ok(appState({ rev: 8 }))));
    const view = await render(<Probe api={fake.api} />);
    expect(view.byTestId('rev').textContent).toBe('9');
    // Not asked twice: the early request was the window's snapshot.
    expect(fake.calls.filter(([channel]) => channel === 'app:getState')).toHaveLength(1);
    await view.unmount();
  });

  it('paints the early snapshot in the first frame when it arrived before React mounted', async () => {
    const fake = createFakeApi({ 'app:getState': () => ok(appState({ rev: 8 })) });
    requestStateEarly(fake.api);
    // Let the reply settle, as it does while the framework is evaluated.
    await perform(() => undefined);
    const seen: string[] = [];
    function Recorder(): ReactElement {
      const state = useAppState(fake.api);
      seen.push(state === null ? 'none' : String(state.rev));
      return <p data-testid="rev">{seen.at(-1)}</p>;
    }
    const view = await render(<Recorder />);
    expect(seen[0]).toBe('8');
    expect(seen).not.toContain('none');
    await view.unmount();
  });
});
