import { initialDesktopStatus, type DesktopStatus, type DesktopStatusPatch } from '../../shared/state/desktop';
import type { Logger } from '../logging/logger';

export type DesktopStatusListener = (status: DesktopStatus) => void;

/**
 * What the OS made of the desktop preferences, gathered from the parts that apply them (shortcuts, windows,
 * login items, the media session). Each part replaces its own fields; listeners hear every change.
 */
export class DesktopStatusHub {
  private status: DesktopStatus;
  private readonly listeners = new Set<DesktopStatusListener>();

  public constructor(
    shell: 'electron' | 'web',
    private readonly logger: Logger,
  ) {
    this.status = initialDesktopStatus(shell);
  }

  public get(): DesktopStatus {
    return this.status;
  }

  public patch(patch: DesktopStatusPatch): void {
    const next = { ...this.status, ...patch, capabilities: { ...this.status.capabilities, ...patch.capabilities } };
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    this.status = next;
    for (const listener of this.listeners) {
      try {
        listener(this.status);
      } catch (cause) {
        this.logger.error('desktop status listener failed', { error: cause instanceof Error ? cause.message : String(cause) });
      }
    }
  }

  public onChange(listener: DesktopStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
