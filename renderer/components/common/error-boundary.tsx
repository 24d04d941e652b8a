import { Component, type ErrorInfo, type ReactNode } from 'react';

import type { TrayplayApi } from '../../../shared/contract';
import { describeError, logToMain } from '../../bridge/log';

interface ErrorBoundaryProps {
  readonly api: TrayplayApi;
  readonly origin: string;
  readonly children: ReactNode;
}

/** A render crash is logged to main and replaced by a way out, never a blank window. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    logToMain(this.props.api, 'error', `[${this.props.origin}] render failed: ${describeError(error)}${info.componentStack ?? ''}`);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="crash" role="alert" data-testid="crash">
        <p>Something went wrong in this window.</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
