import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';

import { ControlInbox } from './control-inbox';
import { chooseLaunchWindow, LaunchReasons } from './launch-window';
import type { ShellCommand } from './shell-command';

describe('which window a launch opens', () => {
  it('opens the main window for a plain start, and stays in the tray when started hidden, at login or for a command', () => {
    expect(chooseLaunchWindow({ hidden: false, openedAtLogin: false, controlAtLaunch: false, showRequested: false })).toEqual({ kind: 'main' });
    expect(chooseLaunchWindow({ hidden: true, openedAtLogin: false, controlAtLaunch: false, showRequested: false })).toEqual({ kind: 'tray', why: 'hidden' });
    expect(chooseLaunchWindow({ hidden: false, openedAtLogin: true, controlAtLaunch: false, showRequested: false })).toEqual({ kind: 'tray', why: 'login' });
    expect(chooseLaunchWindow({ hidden: false, openedAtLogin: false, controlAtLaunch: true, showRequested: false })).toEqual({ kind: 'tray', why: 'control' });
  });

  const launch = (platform: 'linux' | 'darwin', argv: readonly string[]) => {
    const inbox = new ControlInbox({ now: () => 0, log: new RootLogger({ sink: memorySink().sink }).scope('control') });
    const reasons = new LaunchReasons(argv);
    reasons.noteControl(inbox.receiveArgv(argv));
    return { inbox, reasons, platform };
  };
  const ready = (t: ReturnType<typeof launch>, openedAtLogin = false) => {
    const ran: ShellCommand[] = [];
    const window = t.reasons.decide(openedAtLogin);
    t.inbox.ready((command) => void ran.push(command));
    return { window, ran };
  };

  it('Windows/Linux: a control flag or link in argv starts in the tray and runs once ready', () => {
    const t = launch('linux', ['/opt/Trayplay/trayplay', 'trayplay://control/next']);
    expect(ready(t)).toEqual({ window: { kind: 'tray', why: 'control' }, ran: ['next'] });
  });

  it('macOS: a control link arriving by open-url before ready starts in the tray too, and runs once', () => {
    const t = launch('darwin', ['/Applications/Trayplay.app/Contents/MacOS/Trayplay']);
    t.reasons.noteControl(t.inbox.receiveUrl('trayplay://control/play-pause'));
    const { window, ran } = ready(t);
    expect(window).toEqual({ kind: 'tray', why: 'control' });
    expect(ran).toEqual(['playPause']);
  });

  it('macOS: a sign-in redirect by open-url is no reason to stay hidden, nor a link once the app runs', () => {
    const t = launch('darwin', ['/Applications/Trayplay.app/Contents/MacOS/Trayplay']);
    t.reasons.noteControl(t.inbox.receiveUrl('trayplay://callback?code=abc&state=xyz'));
    expect(ready(t).window).toEqual({ kind: 'main' });
    t.reasons.noteControl(t.inbox.receiveUrl('trayplay://control/next'));
    expect(t.reasons.decide(false)).toEqual({ kind: 'main' });
  });

  it('reads --hidden from argv', () => {
    expect(new LaunchReasons(['trayplay', '--hidden']).decide(false)).toEqual({ kind: 'tray', why: 'hidden' });
  });

  it('a plain second instance during start-up is remembered: the main window shows once ready, even for a hidden start', () => {
    const hidden = new LaunchReasons(['trayplay', '--hidden']);
    hidden.noteShowRequest();
    expect(hidden.decide(true)).toEqual({ kind: 'main' });
    const control = launch('linux', ['trayplay', '--next']);
    control.reasons.noteShowRequest();
    expect(ready(control)).toEqual({ window: { kind: 'main' }, ran: ['next'] });
    const plain = new LaunchReasons(['trayplay', '--hidden']);
    expect(plain.decide(false)).toEqual({ kind: 'tray', why: 'hidden' });
    // After the decision the window is shown directly; a late request changes no answer.
    plain.noteShowRequest();
    expect(plain.decide(false)).toEqual({ kind: 'tray', why: 'hidden' });
  });
});
