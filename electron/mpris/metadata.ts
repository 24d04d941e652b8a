import { assertNever } from '../../shared/assert-never';
import type { NowPlaying } from '../../shared/state/now-playing';
import type { BusValue } from '../ports/media-bus';

import { NO_TRACK } from './mpris-names';

/** MPRIS Metadata (a{sv}) for what is shown: the item, an ad, a private session, or no track. */
export function mprisMetadata(nowPlaying: NowPlaying): Record<string, BusValue> {
  const s = (value: string): BusValue => ({ signature: 's', value });
  switch (nowPlaying.kind) {
    case 'item': {
      const { item } = nowPlaying;
      const out: Record<string, BusValue> = {
        'mpris:trackid': { signature: 'o', value: trackIdPath(item.uri) },
        'xesam:title': s(item.name),
      };
      if (item.durationMs > 0) out['mpris:length'] = { signature: 'x', value: Math.round(item.durationMs * 1000) };
      if (item.artUrl) out['mpris:artUrl'] = s(item.artUrl);
      if (item.type === 'track') {
        out['xesam:artist'] = { signature: 'as', value: item.artists };
        if (item.album) out['xesam:album'] = s(item.album);
      } else {
        out['xesam:artist'] = { signature: 'as', value: item.show ? [item.show] : [] };
        if (item.show) out['xesam:album'] = s(item.show);
      }
      const url = openUrl(item.uri);
      if (url) out['xesam:url'] = s(url);
      return out;
    }
    case 'ad':
      return { 'mpris:trackid': { signature: 'o', value: '/app/trayplay/ad' }, 'xesam:title': s('Advertisement') };
    case 'private':
      return {
        'mpris:trackid': { signature: 'o', value: '/app/trayplay/private' },
        'xesam:title': s('Private session'),
        'xesam:artist': { signature: 'as', value: [nowPlaying.device.name] },
      };
    case 'idle':
    case 'unavailable':
      return { 'mpris:trackid': { signature: 'o', value: NO_TRACK } };
    default:
      return assertNever(nowPlaying, 'now-playing state');
  }
}

/** The track id MPRIS wants is an object path: `/app/trayplay/track/<id>`, other characters escaped as `_XX`. */
export function trackIdPath(uri: string): string {
  const match = /^spotify:(track|episode):([A-Za-z0-9]+)$/.exec(uri);
  if (match) return `/app/trayplay/${match[1]}/${match[2]}`;
  const escaped = [...Buffer.from(uri, 'utf8')]
    .map((byte) => {
      const c = String.fromCharCode(byte);
      return /[A-Za-z0-9]/.test(c) ? c : `_${byte.toString(16).padStart(2, '0')}`;
    })
    .join('');
  return `/app/trayplay/uri/${escaped || '_'}`;
}

/** https://open.spotify.com/… for a track or episode URI; null for local files and anything else. */
export function openUrl(uri: string): string | null {
  const match = /^spotify:(track|episode):([A-Za-z0-9]+)$/.exec(uri);
  return match ? `https://open.spotify.com/${match[1]}/${match[2]}` : null;
}
