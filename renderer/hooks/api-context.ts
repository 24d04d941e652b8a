import { createContext, useContext } from 'react';

import type { TrayplayApi } from '../../shared/contract';

/** The API for the components below; provided once per window. */
export const ApiContext = createContext<TrayplayApi | null>(null);

export function useApi(): TrayplayApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside of an ApiContext provider');
  return api;
}
