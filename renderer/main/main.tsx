// First: starts the snapshot request before the framework below is evaluated.
import '../bridge/boot';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { getApi, getConnection } from '../bridge/api';
import { forwardWindowErrors } from '../bridge/log';
import { ErrorBoundary } from '../components/common/error-boundary';
import { applyTheme } from '../theme';

import { MainApp } from './main-app';

// The OS's light or dark until the preferences arrive with the snapshot.
applyTheme('system');
const api = getApi();
forwardWindowErrors(api, window, 'main');

const container = document.getElementById('root');
if (container !== null) {
  createRoot(container).render(
    <StrictMode>
      <ErrorBoundary api={api} origin="main">
        <MainApp api={api} connection={getConnection()} />
      </ErrorBoundary>
    </StrictMode>,
  );
}
