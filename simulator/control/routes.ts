import { apiError, json, noContent } from '../http/errors';
import { decodeUtf8, readBody } from '../http/params';
import type { SimulatorControl } from '../types';
import { checkAction, checkFault, checkKind, checkScenario } from './validate';

// The control API over HTTP, under /__control: the same operations as SimulatorControl, for tests and
// benchmarks that drive a simulator in another process. Off in demo mode.

async function body(request: Request): Promise<unknown> {
  const bytes = await readBody(request);
  if (bytes === 'too-large') return Symbol.for('too-large');
  const text = bytes.byteLength === 0 ? '{}' : decodeUtf8(bytes);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function bad(message: string): Response {
  return apiError(400, message);
}

function done(run: () => void): Response {
  try {
    run();
    return noContent();
  } catch (error) {
    return bad(error instanceof Error ? error.message : 'failed');
  }
}

export function createControlRoutes(control: SimulatorControl): (request: Request, url: URL) => Promise<Response> {
  return async (request, url) => {
    const route = `${request.method} ${url.pathname.slice('/__control'.length)}`;
    switch (route) {
      case 'GET /state':
        return json(control.state());
      case 'GET /scenario':
        return json(control.scenario());
      case 'GET /counters':
        return json(control.counters());
      case 'DELETE /counters':
        return done(() => control.resetCounters());
      case 'GET /events':
        return json(control.events());
      case 'GET /track-boundaries': {
        const from = Number(url.searchParams.get('from'));
        const to = Number(url.searchParams.get('to'));
        if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return bad('from and to must be times in ms, from <= to');
        return json(control.trackBoundaries(from, to));
      }
      case 'POST /revoke':
        return done(() => control.revokeGrant());
      case 'POST /expire-refresh-tokens':
        return done(() => control.expireRefreshTokens());
      case 'DELETE /faults':
        return done(() => control.clearFaults());
      default:
        break;
    }
    if (request.method !== 'POST') return apiError(404, 'Service not found');
    const input = await body(request);
    switch (route) {
      case 'POST /scenario': {
        const c = checkScenario(input);
        return c.ok ? done(() => control.setScenario(c.value)) : bad(c.error);
      }
      case 'POST /clock/advance': {
        const ms = typeof input === 'object' && input !== null && 'ms' in input ? input.ms : undefined;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return bad('ms must be a non-negative number');
        return done(() => control.advanceClock(ms));
      }
      case 'POST /external': {
        const c = checkAction(input);
        return c.ok ? done(() => control.externalAction(c.value)) : bad(c.error);
      }
      case 'POST /playing': {
        const c = checkKind(input);
        return c.ok ? done(() => control.setPlaying(c.value)) : bad(c.error);
      }
      case 'POST /faults': {
        const c = checkFault(input);
        return c.ok ? done(() => control.injectFault(c.value)) : bad(c.error);
      }
      case 'POST /approve':
      case 'POST /deny': {
        const target = typeof input === 'object' && input !== null && 'url' in input ? input.url : undefined;
        if (typeof target !== 'string') return bad('url must be the authorize URL');
        try {
          const location = route === 'POST /approve' ? await control.approve(target) : await control.deny(target);
          return json({ location });
        } catch (error) {
          return bad(error instanceof Error ? error.message : 'failed');
        }
      }
      default:
        return apiError(404, 'Service not found');
    }
  };
}
