import type { ControlOutcome } from './control-inbox';

export type LaunchWindow = { readonly kind: 'main' } | { readonly kind: 'tray'; readonly why: 'hidden' | 'login' | 'control' };

export interface LaunchInput {
  /** `--hidden` (login items on Windows, the XDG autostart entry). */
  readonly hidden: boolean;
  /** macOS login items cannot pass flags: the OS says whether it started us. */
  readonly openedAtLogin: boolean;
  /** A control flag or link (accepted or not) arrived before the windows opened: we were started to run it. */
  readonly controlAtLaunch: boolean;
  /** A plain second instance arrived while starting: the user asked for the window. */
  readonly showRequested: boolean;
}

/** A launch shows the main window unless the OS or another program started Trayplay to sit in the tray. */
export function chooseLaunchWindow(input: LaunchInput): LaunchWindow {
  if (input.showRequested) return { kind: 'main' };
  if (input.hidden) return { kind: 'tray', why: 'hidden' };
  if (input.openedAtLogin) return { kind: 'tray', why: 'login' };
  if (input.controlAtLaunch) return { kind: 'tray', why: 'control' };
  return { kind: 'main' };
}

/**
 * Collects why this launch happened until the first window decision. On Windows/Linux a control request is
 * in argv; on macOS the link that started the app arrives as `open-url`, before `ready`, so every control
 * outcome up to the decision counts. After it, links come to a running app and change nothing here.
 */
export class LaunchReasons {
  private control = false;
  private showRequested = false;
  private decided: LaunchWindow | null = null;

  public constructor(private readonly argv: readonly string[]) {}

  public noteControl(outcome: ControlOutcome): void {
    if (this.decided === null && outcome !== 'none') this.control = true;
  }

  /**
   * A second instance with nothing to run, before the windows exist (main's showMain no-ops then): show
   * the main window once ready. After the decision main shows it directly.
   */
  public noteShowRequest(): void {
    if (this.decided === null) this.showRequested = true;
  }

  /** Decides once; later calls answer the same. */
  public decide(openedAtLogin: boolean): LaunchWindow {
    this.decided ??= chooseLaunchWindow({ hidden: this.argv.includes('--hidden'), openedAtLogin, controlAtLaunch: this.control, showRequested: this.showRequested });
    return this.decided;
  }
}
