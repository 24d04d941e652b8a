import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import { contract } from '../shared/contract';
import { createClient, type ClientTransport } from '../shared/ipc/client';
import { listChannels } from '../shared/ipc/contract-kit';

// Only the contract's channels ever cross: the preload is generated from it, never a general send/on.
const allowed = new Set(listChannels(contract).map((entry) => entry.channel));
const guard = (channel: string): void => {
  if (!allowed.has(channel)) throw new Error(`Channel ${channel} is not in the contract`);
};

const transport: ClientTransport = {
  invoke: (channel, payload) => (guard(channel), ipcRenderer.invoke(channel, payload)),
  send: (channel, payload) => (guard(channel), ipcRenderer.send(channel, payload)),
  subscribe: (channel, listener) => {
    guard(channel);
    // The wrapper is created here, so the unsubscribe closure removes exactly this listener.
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

const api = createClient(contract, transport, {
  onInvalid: (channel, message) => ipcRenderer.send('app:log', { level: 'warn', message: `invalid ${channel}: ${message}` }),
});

contextBridge.exposeInMainWorld('trayplay', api);
