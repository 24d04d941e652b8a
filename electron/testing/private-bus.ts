import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A private session bus for one test file: its own dbus-daemon on a socket in a temp folder. */
export interface PrivateBus {
  readonly address: string;
  /** Environment for child processes (playerctl) that should use this bus. */
  readonly env: NodeJS.ProcessEnv;
  /** Kills the daemon (as a crash or a desktop restart would), leaving the folder for restart(). */
  kill(): Promise<void>;
  /** Starts a daemon again on the same address. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Null when dbus-daemon is not installed (tests then skip with that reason). */
export async function hasDbusDaemon(): Promise<boolean> {
  try {
    await run('dbus-daemon', ['--version']);
    return true;
  } catch {
    return false;
  }
}

export async function hasPlayerctl(): Promise<boolean> {
  try {
    await run('playerctl', ['--version']);
    return true;
  } catch {
    return false;
  }
}

export async function startPrivateBus(): Promise<PrivateBus> {
  const dir = mkdtempSync(join(tmpdir(), 'trayplay-bus-'));
  const socket = join(dir, 'bus');
  const config = join(dir, 'session.conf');
  // A filesystem socket: Node 20 cannot connect to abstract ones.
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
  );
  let pid = 0;
  let address = '';
  const start = async (): Promise<void> => {
    const { stdout } = await run('dbus-daemon', [`--config-file=${config}`, '--print-address=1', '--print-pid=1', '--fork'], { timeout: 10_000 });
    const [addressLine, pidLine] = stdout.trim().split('\n');
    address = (addressLine ?? '').trim();
    pid = Number(pidLine);
    if (!address || !Number.isInteger(pid) || pid <= 0) throw new Error(`dbus-daemon said: ${stdout}`);
  };
  const kill = async (): Promise<void> => {
    if (pid <= 0) return;
    const dead = pid;
    pid = 0;
    try {
      process.kill(dead, 'SIGTERM');
    } catch {
      return;
    }
    // Wait until it is gone, so the next daemon can bind the same socket.
    for (let i = 0; i < 200; i += 1) {
      try {
        process.kill(dead, 0);
      } catch {
        return;
      }
      await new Promise<void>((resolve) => setTimeout(resolve, 10));
    }
  };
  await start();
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, DBUS_SESSION_BUS_ADDRESS: address });
  return {
    get address() {
      return address;
    },
    get env() {
      return env();
    },
    kill,
    restart: async () => {
      rmSync(socket, { force: true });
      await start();
    },
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs playerctl against the bus; resolves with its trimmed stdout (rejects on a non-zero exit). */
export async function playerctl(bus: PrivateBus, args: readonly string[], timeoutMs = 5_000): Promise<string> {
  const { stdout } = await run('playerctl', [...args], { env: bus.env, timeout: timeoutMs });
  return stdout.trim();
}

/** Starts `playerctl … --follow` and collects its lines until stopped. */
export function followPlayerctl(bus: PrivateBus, args: readonly string[]): { readonly lines: string[]; stop(): void } {
  const child = spawn('playerctl', [...args, '--follow'], { env: bus.env, stdio: ['ignore', 'pipe', 'ignore'] });
  const lines: string[] = [];
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString('utf8');
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  return { lines, stop: () => void child.kill('SIGTERM') };
}
