import type { ReactElement } from 'react';

import type { AppState } from '../../shared/state/app-state';
import { AccountSection } from '../components/account/account-section';
import { DevicesSection } from '../components/devices/devices-section';

/** The main window below the player: devices and the account. Loaded after the first paint. */
export function Sections({ state, activeDevice }: { readonly state: AppState; readonly activeDevice: string }): ReactElement {
  return (
    <div className="sections">
      <DevicesSection activeDeviceKey={activeDevice} authKind={state.auth.kind} />
      <AccountSection auth={state.auth} settings={state.authSettings} />
    </div>
  );
}
