import type { AppState } from '../../shared/state/app-state';
import type { Logger } from '../logging/logger';

import { Emitter } from './emitter';

type Parts = Omit<AppState, 'rev'>;
export type AppStateListener = (state: AppState) => void;

/**
 * Main's single source of truth for what the windows show. Every change bumps `rev`, so a renderer that
 * took a snapshot and then got a push can tell which is newer.
 */
export class AppStateStore {
  private state: AppState;
  private readonly listeners: Emitter<[AppState]>;

  public constructor(initial: Parts, logger?: Logger) {
    this.state = { rev: 1, ...initial };
    this.listeners = new Emitter(logger, 'app state listener');
  }

  public get(): AppState {
    return this.state;
  }

  /** Replaces some parts; listeners hear about it only when something changed. */
  public update(patch: Partial<Parts>): void {
    const next = { ...this.state, ...patch };
    if (JSON.stringify({ ...next, rev: 0 }) === JSON.stringify({ ...this.state, rev: 0 })) return;
    this.state = { ...next, rev: this.state.rev + 1 };
    this.listeners.emit(this.state);
  }

  public subscribe(listener: AppStateListener): () => void {
    return this.listeners.on(listener);
  }
}
