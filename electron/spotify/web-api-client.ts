import type { z } from 'zod';

import { fail, ok, type AppError, type Result } from '../../shared/result';
import type { Clock } from '../ports/clock';
import type { AuthorizedFetch } from '../tokens/authorized-fetch';

import { mapHttpError, readErrorBody, type SpotifyError } from './api-errors';
import {
  ApiContainsSchema,
  ApiDevicesSchema,
  ApiPlaybackStateSchema,
  type ApiDevice,
  type ApiPlaybackState,
} from './schemas';
import type { PlayTarget } from './spotify-uri';

/** The shared `Result` shape, failing with a Web API error. */
export type ApiResult<T> = Result<T, SpotifyError>;

export interface WebApiClientOptions {
  /**
   * e.g. `https://api.spotify.com/v1` or `${simulator.baseUrl}/v1`; no trailing slash needed. A function when
   * it can change while the app runs (demo mode → the user's own account).
   */
  readonly apiBaseUrl: string | (() => string);
  /**
   * Already authorized: adds the Bearer header and does 401 → one forced refresh → one retry. Its errors (no
   * usable token, the request could not leave) are passed on as they are, never turned into HTTP statuses.
   */
  readonly fetch: AuthorizedFetch;
  readonly clock: Clock;
  /** Every request is abandoned after this long. */
  readonly timeoutMs: number;
  /** Sees every request as it leaves (benchmarks and logs); must not throw. */
  readonly onRequest?: (method: string, path: string) => void;
}

/** A playback-state read, with the time the answer describes (the middle of the round trip). */
export interface PlaybackSnapshot {
  /** Null when Spotify answered 204: nothing is active. */
  readonly state: ApiPlaybackState | null;
  readonly observedAt: number;
  readonly startedAt: number;
}

export type RepeatState = 'off' | 'context' | 'track';

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** Reads that only need user-read-playback-state: a reason-less 403 on them means the app itself is shut out. */
const STATE_READS: ReadonlySet<string> = new Set(['/me/player', '/me/player/devices']);

/**
 * The Web API endpoints Trayplay uses. Never throws: every outcome is an `ApiResult`. Command bodies are
 * never parsed (Spotify has sent non-JSON 2xx bodies on player commands); read bodies are validated loosely.
 */
export class WebApiClient {
  private readonly base: () => string;

  public constructor(private readonly options: WebApiClientOptions) {
    const base = options.apiBaseUrl;
    this.base = typeof base === 'string' ? () => base.replace(/\/+$/, '') : () => base().replace(/\/+$/, '');
  }

  public async getPlaybackState(): Promise<ApiResult<PlaybackSnapshot>> {
    const startedAt = this.options.clock.now();
    const response = await this.send('GET', '/me/player', { additional_types: 'track,episode' });
    if (!response.ok) return response;
    const observedAt = Math.round((startedAt + this.options.clock.now()) / 2);
    const { status, text } = response.value;
    if (status === 204 || text.trim() === '') return ok({ state: null, observedAt, startedAt });
    const parsed = parseJson(ApiPlaybackStateSchema, text);
    return parsed.ok ? ok({ state: parsed.value, observedAt, startedAt }) : parsed;
  }

  public async getDevices(): Promise<ApiResult<ApiDevice[]>> {
    const response = await this.send('GET', '/me/player/devices');
    if (!response.ok) return response;
    if (response.value.text.trim() === '') return ok([]);
    const parsed = parseJson(ApiDevicesSchema, response.value.text);
    return parsed.ok ? ok(parsed.value.devices) : parsed;
  }

  /** Resumes, or with `target` starts that track/episode (`uris`) or album/playlist/artist/show (`context_uri`). */
  public play(deviceId?: string, target?: PlayTarget): Promise<ApiResult<null>> {
    return this.command('PUT', '/me/player/play', withDevice({}, deviceId), target);
  }

  public pause(deviceId?: string): Promise<ApiResult<null>> {
    return this.command('PUT', '/me/player/pause', withDevice({}, deviceId));
  }

  public next(deviceId?: string): Promise<ApiResult<null>> {
    return this.command('POST', '/me/player/next', withDevice({}, deviceId));
  }

  public previous(deviceId?: string): Promise<ApiResult<null>> {
    return this.command('POST', '/me/player/previous', withDevice({}, deviceId));
  }

  public seek(positionMs: number, deviceId?: string): Promise<ApiResult<null>> {
    return this.command('PUT', '/me/player/seek', withDevice({ position_ms: String(Math.max(0, Math.round(positionMs))) }, deviceId));
  }

  public setVolume(percent: number, deviceId?: string): Promise<ApiResult<null>> {
    const clamped = Math.min(100, Math.max(0, Math.round(percent)));
    return this.command('PUT', '/me/player/volume', withDevice({ volume_percent: String(clamped) }, deviceId));
  }

  public setShuffle(on: boolean, deviceId?: string): Promise<ApiResult<null>> {
    return this.command('PUT', '/me/player/shuffle', withDevice({ state: String(on) }, deviceId));
  }

  public setRepeat(state: RepeatState, deviceId?: string): Promise<ApiResult<null>> {
    return this.command('PUT', '/me/player/repeat', withDevice({ state }, deviceId));
  }

  /** Moves playback to one device (Spotify rejects more than one id). */
  public transfer(deviceId: string, play?: boolean): Promise<ApiResult<null>> {
    const body = play === undefined ? { device_ids: [deviceId] } : { device_ids: [deviceId], play };
    return this.command('PUT', '/me/player', {}, body);
  }

  /** `GET /me/library/contains` (the 2026 endpoint; `/me/tracks/contains` is gone in dev mode). */
  public async libraryContains(uris: readonly string[]): Promise<ApiResult<boolean[]>> {
    if (uris.length === 0) return ok([]);
    const response = await this.send('GET', '/me/library/contains', { uris: uris.join(',') });
    if (!response.ok) return response;
    const parsed = parseJson(ApiContainsSchema, response.value.text);
    if (!parsed.ok) return parsed;
    return parsed.value.length === uris.length ? parsed : fail({ kind: 'invalid_response', detail: 'contains: wrong length' });
  }

  /** URIs go in the query, as the OpenAPI says (the migration guide's body form is not used). */
  public saveToLibrary(uris: readonly string[]): Promise<ApiResult<null>> {
    return this.command('PUT', '/me/library', { uris: uris.join(',') });
  }

  public removeFromLibrary(uris: readonly string[]): Promise<ApiResult<null>> {
    return this.command('DELETE', '/me/library', { uris: uris.join(',') });
  }

  private async command(method: Method, path: string, query: Record<string, string>, body?: unknown): Promise<ApiResult<null>> {
    const response = await this.send(method, path, query, body);
    return response.ok ? ok(null) : response;
  }

  private async send(
    method: Method,
    path: string,
    query: Record<string, string> = {},
    body?: unknown,
  ): Promise<ApiResult<{ status: number; text: string }>> {
    const { clock, timeoutMs } = this.options;
    const search = new URLSearchParams(query).toString();
    const url = `${this.base()}${path}${search ? `?${search}` : ''}`;
    const controller = new AbortController();
    let timedOut = false;
    let timer: unknown;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = clock.setTimeout(() => {
        timedOut = true;
        controller.abort();
        resolve('timeout');
      }, timeoutMs);
    });
    const init: RequestInit = { method, signal: controller.signal };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    } else if (method !== 'GET') {
      // An empty body makes fetch send `Content-Length: 0`; Spotify answers 411 to a bodiless PUT/POST without one.
      init.body = '';
    }
    this.options.onRequest?.(method, path);
    try {
      // The race covers fetch implementations that ignore the abort signal.
      const exchange = (async (): Promise<ApiResult<{ response: Response; text: string }>> => {
        const answer = await this.options.fetch(url, init);
        if (!answer.ok) return fail(fromAuthorizedFetch(answer.error));
        // Command bodies may be empty, JSON or (since 2024) plain text: read as text, parse only where needed.
        const text = await answer.value.text().catch(() => '');
        return ok({ response: answer.value, text });
      })();
      exchange.catch(() => undefined);
      const outcome = await Promise.race([exchange, timeout]);
      if (outcome === 'timeout' || (timedOut && !outcome.ok)) return fail({ kind: 'timeout', afterMs: timeoutMs });
      if (!outcome.ok) return outcome;
      const { response, text } = outcome.value;
      if (response.status >= 200 && response.status < 300) return ok({ status: response.status, text });
      const { reason, message } = readErrorBody(text);
      return fail(
        mapHttpError({
          status: response.status,
          reason,
          message,
          readsPlaybackState: method === 'GET' && STATE_READS.has(path),
          retryAfterHeader: response.headers.get('retry-after'),
          now: clock.now(),
        }),
      );
    } catch (error) {
      if (timedOut) return fail({ kind: 'timeout', afterMs: timeoutMs });
      return fail({ kind: 'network', detail: error instanceof Error ? error.message : String(error) });
    } finally {
      clock.clearTimeout(timer);
    }
  }
}

/** The request never reached Spotify: it could not leave (`network`), or no usable token could be had. */
function fromAuthorizedFetch(error: AppError): SpotifyError {
  return error.code === 'network' ? { kind: 'network', detail: error.message } : { kind: 'session', error };
}

function withDevice(query: Record<string, string>, deviceId: string | undefined): Record<string, string> {
  return deviceId === undefined ? query : { ...query, device_id: deviceId };
}

function parseJson<S extends z.ZodType>(schema: S, text: string): ApiResult<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail({ kind: 'invalid_response', detail: 'not JSON' });
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? ok(parsed.data)
    : fail({ kind: 'invalid_response', detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
}
