// First: starts the snapshot request before the framework below is evaluated.
import '../bridge/boot';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { getApi, getConnection } from '../bridge/api';
import { forwardWindowErrors } from '../bridge/log';
import { ErrorBoundary } from '../components/common/error-boundary';
import { applyTheme } from '../theme';

import { MiniApp } from './mini-app';

// The OS's light or dark until the preferences arrive with the snapshot.
applyTheme('system');
const api = getApi();
forwardWindowErrors(api, window, 'mini');

const container = document.getElementById('root');
if (container !== null) {
  createRoot(container).render(
    <StrictMode>
      <ErrorBoundary api={api} origin="mini">
        <MiniApp api={api} connection={getConnection()} />
      </ErrorBoundary>
    </StrictMode>,
  );
}
