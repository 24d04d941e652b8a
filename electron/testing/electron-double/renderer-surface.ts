// What `import … from 'electron'` gives a sandboxed preload when typechecked against the double.
import type { ContextBridgeDouble, IpcRendererDouble, IpcRendererEventDouble, WebFrameDouble } from './sandbox-modules';

export declare const contextBridge: ContextBridgeDouble;
export declare const ipcRenderer: IpcRendererDouble;
export declare const webFrame: WebFrameDouble;

export type IpcRendererEvent = IpcRendererEventDouble;
