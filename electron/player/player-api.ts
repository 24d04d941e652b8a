import type { WebApiClient } from '../spotify/web-api-client';

/** The endpoints the service uses; the real client or a fake. */
export type PlayerApi = Pick<
  WebApiClient,
  | 'getPlaybackState'
  | 'getDevices'
  | 'play'
  | 'pause'
  | 'next'
  | 'previous'
  | 'seek'
  | 'setVolume'
  | 'setShuffle'
  | 'setRepeat'
  | 'transfer'
  | 'libraryContains'
  | 'saveToLibrary'
  | 'removeFromLibrary'
>;
