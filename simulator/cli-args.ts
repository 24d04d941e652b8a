import type { Scenario } from './types';

// Command-line options of `npm run simulator`, parsed as a pure function so they can be tested.

export interface CliOptions {
  port: number;
  host: string;
  clients: Array<{ clientId: string; redirectUris: string[] }>;
  scenario: Partial<Scenario>;
  controlApi: boolean;
  seed: number | undefined;
}

export type CliParse = { ok: true; options: CliOptions } | { ok: false; error: string } | { ok: 'help' };

export const USAGE = `usage: npm run simulator -- [options]
  --port N                 port to listen on (0 or absent: a free port)
  --host H                 address to bind (default 127.0.0.1)
  --client ID=URI[,URI…]   register a client and its redirect URIs (repeatable)
  --scenario free|premium  the user's product (default premium)
  --rotate                 rotate refresh tokens on every refresh (pre-2026 behaviour)
  --rate-limit N           requests per rolling 30 s window before 429
  --quota N                total API requests before 429 QUOTA_EXCEEDED
  --auto-approve           skip the consent page
  --latency MS             delay every request
  --no-control             disable the /__control API (demo mode)
  --idle                   start with nothing playing
  --quirky-command-bodies  play, pause and add-to-queue answer 200 with a text body (Spotify since 2024)
  --user-not-allow-listed  every API call: 403 User not registered in the Developer Dashboard
  --owner-not-premium      every API call: 403 Active premium subscription required for the owner…
  --seed N                 seed of the generated world
  --help                   this text`;

function parseCount(flag: string, text: string | undefined, max = 1_000_000_000): number | string {
  if (text === undefined || !/^\d+$/.test(text)) return `${flag} needs a non-negative integer`;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n > max) return `${flag} is out of range`;
  return n;
}

export function parseCliArgs(argv: readonly string[]): CliParse {
  const options: CliOptions = { port: 0, host: '127.0.0.1', clients: [], scenario: {}, controlApi: true, seed: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    // Accept both "--port 8080" and "--port=8080" (for --client=ID=URI the first "=" ends the flag).
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--help':
      case '-h':
        return { ok: 'help' };
      case '--port': {
        const n = parseCount('--port', value(), 65535);
        if (typeof n === 'string') return { ok: false, error: n };
        options.port = n;
        break;
      }
      case '--host': {
        const h = value();
        if (h === undefined || h === '') return { ok: false, error: '--host needs an address' };
        options.host = h;
        break;
      }
      case '--client': {
        const spec = value();
        const client = spec === undefined ? null : parseClient(spec);
        if (typeof client === 'string' || client === null) return { ok: false, error: client ?? '--client needs ID=REDIRECT_URI[,REDIRECT_URI…]' };
        options.clients.push(client);
        break;
      }
      case '--scenario': {
        const v = value();
        if (v !== 'free' && v !== 'premium') return { ok: false, error: '--scenario must be free or premium' };
        options.scenario.product = v;
        break;
      }
      case '--rotate':
        options.scenario.rotateRefreshTokens = true;
        break;
      case '--auto-approve':
        options.scenario.autoApprove = true;
        break;
      case '--no-control':
        options.controlApi = false;
        break;
      case '--idle':
        options.scenario.startPlaying = false;
        break;
      case '--quirky-command-bodies':
        options.scenario.quirkyCommandBodies = true;
        break;
      case '--user-not-allow-listed':
        options.scenario.userAllowListed = false;
        break;
      case '--owner-not-premium':
        options.scenario.ownerPremium = false;
        break;
      case '--rate-limit': {
        const n = parseCount('--rate-limit', value());
        if (typeof n === 'string') return { ok: false, error: n };
        options.scenario.rateLimitPer30s = n;
        break;
      }
      case '--quota': {
        const n = parseCount('--quota', value());
        if (typeof n === 'string') return { ok: false, error: n };
        options.scenario.quota = n;
        break;
      }
      case '--latency': {
        const n = parseCount('--latency', value(), 60_000);
        if (typeof n === 'string') return { ok: false, error: n };
        options.scenario.latencyMs = n;
        break;
      }
      case '--command-lag': {
        const n = parseCount('--command-lag', value(), 60_000);
        if (typeof n === 'string') return { ok: false, error: n };
        options.scenario.commandLagMs = n;
        break;
      }
      case '--seed': {
        const n = parseCount('--seed', value(), 0xffffffff);
        if (typeof n === 'string') return { ok: false, error: n };
        options.seed = n;
        break;
      }
      default:
        return { ok: false, error: `unknown option ${arg}` };
    }
  }
  return { ok: true, options };
}

function parseClient(spec: string): { clientId: string; redirectUris: string[] } | string {
  const eq = spec.indexOf('=');
  if (eq <= 0) return '--client needs ID=REDIRECT_URI[,REDIRECT_URI…]';
  const clientId = spec.slice(0, eq);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(clientId)) return `--client: invalid client id ${clientId}`;
  const redirectUris = spec.slice(eq + 1).split(',');
  for (const uri of redirectUris) {
    try {
      new URL(uri);
    } catch {
      return `--client: invalid redirect URI ${uri === '' ? '(empty)' : uri}`;
    }
  }
  return { clientId, redirectUris };
}
