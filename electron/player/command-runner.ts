import { err, ok, type Result } from '../../shared/result';
import type { Device } from '../../shared/state/now-playing';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import { toAppError, type SpotifyError } from '../spotify/api-errors';
import { toDevice, toDeviceChoices } from '../spotify/mappers';
import type { ApiResult } from '../spotify/web-api-client';

import { CommandQueue, type Coalescing } from './command-queue';
import { laneOf, needsPremium, type CommandLane, type PlayerCommand } from './commands';
import { planRecovery } from './device-recovery';
import type { PendingCommand } from './optimistic';
import type { PlayerApi } from './player-api';
import type { PlaybackSession, SessionTicket } from './playback-session';

/**
 * Carries out commands: optimistic at once (a pending entry the display replays), serialized per lane,
 * rolled back on failure, recovered onto a device after NO_ACTIVE_DEVICE, and left for the observer's
 * confirming read once Spotify accepted them.
 */
export class CommandRunner {
  private readonly queue: CommandQueue<CommandLane, Result<null>>;
  private nextPendingId = 1;

  public constructor(
    private readonly session: PlaybackSession,
    private readonly deps: {
      readonly api: PlayerApi;
      readonly clock: Clock;
      readonly logger: Logger | undefined;
      /** Re-plans the read timer (the confirming read). */
      readonly replan: () => void;
      /** Waiting presses per sequence lane beyond the one in flight. */
      readonly maxQueuedSkips: number;
    },
  ) {
    this.queue = new CommandQueue<CommandLane, Result<null>>({
      maxWaiting: deps.maxQueuedSkips,
      // A press beyond the cap is absorbed: the skips already queued carry the user's intent.
      whenDropped: () => ok(null),
      whenThrown: (error) => err('internal', error instanceof Error ? error.message : 'Command failed'),
    });
  }

  public execute(command: PlayerCommand, coalescing: Coalescing): Promise<Result<null>> {
    const s = this.session;
    const refused = s.gate(needsPremium(command));
    if (refused) return Promise.resolve(refused);
    // The user acting lifts the quota backoff: this command is the probe.
    s.apply({ kind: 'user-acted' });
    if (command.kind === 'volume') {
      const shown = s.getState().nowPlaying;
      if ((shown.kind === 'item' || shown.kind === 'private') && !shown.device.supportsVolume) {
        return Promise.resolve(err('volume_not_controllable', 'This device does not let apps change its volume.'));
      }
    }
    const entry: PendingCommand = { id: this.nextPendingId++, command, issuedAt: this.deps.clock.now(), settledAt: null };
    // The press belongs to this account: should the account change while it waits in its lane, it is not sent.
    const pressedFor = s.ticket();
    s.pending.push(entry);
    s.emit();
    return this.queue.enqueue(laneOf(command), coalescing, {
      // The client answers with data; should a send ever reject, its optimistic effect must not stay for good.
      run: () =>
        this.send(entry, pressedFor).catch((cause: unknown) => {
          s.dropPending(entry);
          this.deps.logger?.error('command failed unexpectedly', { command: entry.command.kind, error: cause instanceof Error ? cause.message : 'unknown' });
          return err('internal', 'Trayplay could not send that to Spotify.');
        }),
      onSkipped: () => s.dropPending(entry),
    });
  }

  public async listDevices(): Promise<Result<Device[]>> {
    const s = this.session;
    const gate = s.gate(false);
    if (gate) return gate;
    const ticket = s.ticket();
    const result = await this.deps.api.getDevices();
    // The account changed meanwhile: the old account's devices are not the new one's; ask again.
    if (!s.isCurrent(ticket)) return this.listDevices();
    if (!result.ok) {
      s.notePushback(result.error);
      return toAppError(result.error);
    }
    s.knownDevices = result.value.map(toDevice);
    return ok(s.knownDevices);
  }

  private async send(entry: PendingCommand, pressedFor: SessionTicket): Promise<Result<null>> {
    const s = this.session;
    // Waited behind a command while the account changed (sign-out, demo → own account): not the new one's press.
    if (!s.isCurrent(pressedFor)) {
      s.dropPending(entry);
      return err('not_signed_in', 'The Spotify account changed before this could be sent; press again.');
    }
    // Queued behind a command that hit a 429 or a Premium wall: do not send.
    const refused = s.gate(needsPremium(entry.command));
    if (refused) {
      s.dropPending(entry);
      return refused;
    }
    let result = await this.call(entry.command);
    if (!s.isCurrent(pressedFor)) return stale(result);
    if (!result.ok && result.error.kind === 'no_active_device') {
      const recovered = await this.recoverDevice(entry.command, pressedFor);
      if (!s.isCurrent(pressedFor)) return recovered.ok ? stale(recovered.value) : recovered;
      if (!recovered.ok) {
        s.dropPending(entry);
        return recovered;
      }
      result = recovered.value;
    }
    if (!result.ok && isAlreadyThere(entry.command, result.error)) result = { ok: true, value: null };
    if (!result.ok) {
      s.notePushback(result.error);
      s.dropPending(entry);
      this.deps.logger?.info('command failed', { command: entry.command.kind, error: result.error.kind });
      return toAppError(result.error);
    }
    this.accepted(entry);
    return ok(null);
  }

  /** Spotify answered 2xx: the entry waits for the confirming read (or, for a like, is the confirmation). */
  private accepted(entry: PendingCommand): void {
    const s = this.session;
    const now = this.deps.clock.now();
    entry.settledAt = now;
    const { command } = entry;
    // A newer accepted command of a kind supersedes older accepted ones: the list stays short even when
    // no confirming fetch can run (Retry-After), so replaying it stays cheap.
    const lane = laneOf(command);
    s.pending = s.pending.filter((p) => p === entry || p.settledAt === null || laneOf(p.command) !== lane);
    if (command.kind === 'like') {
      // Like/unlike does not show in /me/player: its 200 is the confirmation, no fetch needed.
      s.liked.set(command.uri, command.liked, now);
      if (s.observed.kind === 'item' && s.observed.item.uri === command.uri) s.observed = { ...s.observed, liked: command.liked };
      s.dropPending(entry, false);
    } else {
      s.lastCommandAt = now;
    }
    if (command.kind === 'transfer') s.lastUsedDeviceId = command.deviceId;
    s.emit();
    this.deps.replan();
  }

  private call(command: PlayerCommand, deviceId?: string): Promise<ApiResult<null>> {
    const { api } = this.deps;
    switch (command.kind) {
      case 'play':
        return api.play(deviceId);
      case 'open':
        return api.play(deviceId, command.target);
      case 'pause':
        return api.pause(deviceId);
      case 'next':
        return api.next(deviceId);
      case 'previous':
        return api.previous(deviceId);
      case 'seek':
        return api.seek(command.positionMs, deviceId);
      case 'volume':
        return api.setVolume(command.percent, deviceId);
      case 'shuffle':
        return api.setShuffle(command.on, deviceId);
      case 'repeat':
        return api.setRepeat(command.mode, deviceId);
      case 'like':
        return command.liked ? api.saveToLibrary([command.uri]) : api.removeFromLibrary([command.uri]);
      case 'transfer':
        return api.transfer(command.deviceId, command.play);
    }
  }

  /**
   * NO_ACTIVE_DEVICE: wake the last-used or the only device (transfer, then the command once, aimed at it);
   * otherwise hand the device list to the user. Returns the retried command's result, or the error to show.
   */
  private async recoverDevice(command: PlayerCommand, ticket: SessionTicket): Promise<Result<ApiResult<null>>> {
    const s = this.session;
    const listed = await this.deps.api.getDevices();
    // Nothing may be sent for a new account on the strength of the old one's device list.
    if (!s.isCurrent(ticket)) return toAppError({ kind: 'no_active_device' });
    if (!listed.ok) {
      s.notePushback(listed.error);
      return toAppError(listed.error);
    }
    s.knownDevices = listed.value.map(toDevice);
    const plan = planRecovery(s.knownDevices, s.lastUsedDeviceId);
    if (plan.kind === 'ask-user') {
      return err('no_active_device', 'No Spotify device is active. Pick one to play on.', { devices: toDeviceChoices(plan.devices) });
    }
    // The user picked the device: recovery goes there (once it is listed), never to another one.
    if (command.kind === 'transfer') return ok(await this.deps.api.transfer(command.deviceId, command.play));
    this.deps.logger?.info('no active device: waking one', { why: plan.why });
    // Play resumes as part of the transfer; other commands follow it, aimed at the woken device.
    const transferred = await this.deps.api.transfer(plan.deviceId, command.kind === 'play');
    if (!s.isCurrent(ticket) || !transferred.ok) return ok(transferred);
    s.lastUsedDeviceId = plan.deviceId;
    if (command.kind === 'play') return ok(transferred);
    return ok(await this.call(command, plan.deviceId));
  }
}

/** Play answered ALREADY_PLAYING (or pause ALREADY_PAUSED): what the user wanted is already true. */
function isAlreadyThere(command: PlayerCommand, error: SpotifyError): boolean {
  if (error.kind !== 'restricted') return false;
  return (command.kind === 'play' && error.reason === 'ALREADY_PLAYING') || (command.kind === 'pause' && error.reason === 'ALREADY_PAUSED');
}

/** The caller still gets its answer after an account change, but nothing about the old account is kept. */
function stale(result: ApiResult<null>): Result<null> {
  return result.ok ? ok(null) : toAppError(result.error);
}
