import { createContext, useContext } from 'react';

/** Which shell serves the window (`web`: the headless host's preview), once known. */
export const ShellContext = createContext<'electron' | 'web' | null>(null);

/** Whether the link to Trayplay's main process is up (false while reconnecting). */
export const ConnectedContext = createContext(true);

export const useShell = (): 'electron' | 'web' | null => useContext(ShellContext);
export const useConnected = (): boolean => useContext(ConnectedContext);
