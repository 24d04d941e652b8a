import { useId, type ReactElement, type ReactNode } from 'react';

import type { AppState } from '../../shared/state/app-state';
import type { Capability } from '../../shared/state/desktop';
import type { MiniSizeMode, PreferencesPatch, Theme } from '../../shared/state/preferences';
import { StorageNotice } from '../components/account/storage-notice';
import { CommitRange } from '../components/now-playing/commit-range';
import { useApi } from '../hooks/api-context';
import { useCommands } from '../hooks/use-command-runner';

import { HotkeyEditor } from './hotkey-editor';
import { mediaSessionText, SIZE_MODE_LABELS } from './settings-text';

interface SettingsPageProps {
  readonly state: AppState;
  readonly platform: string;
}

const AUTO_HIDE_CHOICES = [null, 5, 10, 15, 30, 60] as const;

/** Desktop settings: hotkeys, notifications, start at login, theme, the mini-player, media controls, storage. */
export function SettingsPage({ state, platform }: SettingsPageProps): ReactElement {
  const api = useApi();
  const { run } = useCommands();
  const { preferences: prefs, desktop } = state;
  const { capabilities } = desktop;
  const update = (patch: PreferencesPatch): void => void run('settings', () => api.settings.update(patch));

  return (
    <div className="settings" data-testid="settings">
      <h1 className="settings__title">Settings</h1>

      <Card title="Appearance" id="settings-appearance">
        <RadioGroup<Theme>
          legend="Theme"
          name="theme"
          value={prefs.theme}
          options={[
            ['system', 'Same as the system'],
            ['light', 'Light'],
            ['dark', 'Dark'],
          ]}
          onChange={(theme) => update({ theme })}
        />
      </Card>

      <Card title="Mini-player" id="settings-mini">
        <RadioGroup<MiniSizeMode>
          legend="Size"
          name="size-mode"
          value={prefs.mini.sizeMode}
          options={(Object.keys(SIZE_MODE_LABELS) as MiniSizeMode[]).map((mode) => [mode, SIZE_MODE_LABELS[mode]])}
          onChange={(sizeMode) => update({ mini: { sizeMode } })}
        />
        <Toggle
          label="Keep the mini-player above other windows"
          testId="setting-always-on-top"
          checked={prefs.mini.alwaysOnTop}
          capability={capabilities.alwaysOnTop}
          onChange={(alwaysOnTop) => update({ mini: { alwaysOnTop } })}
        />
        <Opacity value={prefs.mini.opacity} onCommit={(opacity) => update({ mini: { opacity } })} />
        <AutoHide value={prefs.mini.autoHideMinutes} onChange={(autoHideMinutes) => update({ mini: { autoHideMinutes } })} />
      </Card>

      <Card title="Keyboard shortcuts" id="settings-hotkeys">
        {capabilities.globalShortcuts.kind === 'unavailable' ? (
          <p className="notice notice--info" data-testid="shortcuts-unavailable">
            {capabilities.globalShortcuts.reason}
          </p>
        ) : null}
        {capabilities.accessibility.kind === 'unavailable' ? (
          <p className="notice notice--warning" data-testid="accessibility-needed">
            {capabilities.accessibility.reason}
          </p>
        ) : null}
        <RadioGroup<'take' | 'leave'>
          legend="Media keys (Play/Pause, Next, Previous)"
          name="media-keys"
          value={prefs.hotkeys.mediaKeys}
          options={[
            ['take', 'Trayplay answers them'],
            ['leave', 'Leave them to Spotify or another player'],
          ]}
          hint="Only one app can own the media keys; taking them can stop the Spotify app’s own handling."
          onChange={(mediaKeys) => update({ hotkeys: { mediaKeys } })}
        />
        <HotkeyEditor preferences={prefs} desktop={desktop} platform={platform} />
      </Card>

      <Card title="Notifications and start-up" id="settings-system">
        <Toggle
          label="Show a notification when the track changes"
          testId="setting-notifications"
          checked={prefs.notifications.trackChange}
          capability={capabilities.notifications}
          onChange={(trackChange) => update({ notifications: { trackChange } })}
        />
        <Toggle
          label="Start Trayplay when I log in"
          testId="setting-start-at-login"
          checked={prefs.startAtLogin}
          capability={capabilities.startAtLogin}
          onChange={(startAtLogin) => update({ startAtLogin })}
        />
      </Card>

      {platform === 'linux' ? (
        <Card title="System media controls" id="settings-media-session">
          <p className="muted" data-testid="media-session-status">
            {mediaSessionText(desktop.mediaSession)}
          </p>
          <Toggle
            label="Show Trayplay in the system’s media controls"
            testId="setting-media-publish"
            checked={prefs.mediaSession.publish}
            capability={capabilities.mediaSession}
            onChange={(publish) => update({ mediaSession: { publish } })}
          />
          <Toggle
            label="Follow the Spotify app on this computer"
            hint="Its track changes show here at once. While the Spotify app on this computer plays, Trayplay steps back from the media controls, so they show one player and media keys go to one place."
            testId="setting-media-follow"
            checked={prefs.mediaSession.followLocalClient}
            capability={capabilities.mediaSession}
            onChange={(followLocalClient) => update({ mediaSession: { followLocalClient } })}
          />
        </Card>
      ) : null}

      {state.authSettings.storage.secure ? null : (
        <Card title="Sign-in storage" id="settings-storage">
          <StorageNotice settings={state.authSettings} />
        </Card>
      )}
    </div>
  );
}

function Card({ title, id, children }: { readonly title: string; readonly id: string; readonly children: ReactNode }): ReactElement {
  return (
    <section className="card settings__card" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

interface RadioGroupProps<T extends string> {
  readonly legend: string;
  readonly name: string;
  readonly value: T;
  readonly options: readonly (readonly [T, string])[];
  readonly hint?: string;
  readonly onChange: (value: T) => void;
}

function RadioGroup<T extends string>({ legend, name, value, options, hint, onChange }: RadioGroupProps<T>): ReactElement {
  const hintId = useId();
  return (
    <fieldset className="field settings__radios" data-testid={`setting-${name}`} aria-describedby={hint === undefined ? undefined : hintId}>
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <label key={option} className="radio">
          <input
            type="radio"
            name={name}
            value={option}
            data-testid={`setting-${name}-${option}`}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          <span>{label}</span>
        </label>
      ))}
      {hint === undefined ? null : (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </fieldset>
  );
}

interface ToggleProps {
  readonly label: string;
  /** What the setting does, a line under it tied to the checkbox. */
  readonly hint?: string;
  readonly testId: string;
  readonly checked: boolean;
  readonly capability: Capability;
  readonly onChange: (checked: boolean) => void;
}

/** A checkbox; where this shell cannot do it, the reason is a visible line tied to it. */
function Toggle({ label, hint, testId, checked, capability, onChange }: ToggleProps): ReactElement {
  const reasonId = useId();
  const hintId = useId();
  const unavailable = capability.kind === 'unavailable';
  const describedBy = [hint === undefined ? null : hintId, unavailable ? reasonId : null].filter((id) => id !== null).join(' ');
  return (
    <div className="field settings__toggle">
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid={testId}
          checked={checked}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <span>{label}</span>
      </label>
      {hint === undefined ? null : (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {capability.kind === 'unavailable' ? (
        <p id={reasonId} className="field__hint" data-testid={`${testId}-reason`}>
          {capability.reason}. Your choice is kept for the desktop app.
        </p>
      ) : null}
    </div>
  );
}

function Opacity({ value, onCommit }: { readonly value: number; readonly onCommit: (value: number) => void }): ReactElement {
  // The range covers the 30 points above the 70 % floor, so its fill starts at the floor.
  return (
    <div className="field settings__opacity">
      <p className="settings__label" aria-hidden="true">
        Opacity: {value}%
      </p>
      <CommitRange
        value={value - 70}
        max={30}
        step={5}
        disabled={false}
        label="Mini-player opacity"
        valueText={`${value}%`}
        testId="setting-opacity"
        onCommit={(offset) => onCommit(70 + Math.round(offset))}
      />
    </div>
  );
}

function AutoHide({ value, onChange }: { readonly value: number | null; readonly onChange: (value: number | null) => void }): ReactElement {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Hide the mini-player when nothing has played for</label>
      <select
        id={id}
        className="text-input settings__select"
        data-testid="setting-auto-hide"
        value={value === null ? 'never' : String(value)}
        onChange={(event) => onChange(event.currentTarget.value === 'never' ? null : Number(event.currentTarget.value))}
      >
        {AUTO_HIDE_CHOICES.map((minutes) => (
          <option key={minutes ?? 'never'} value={minutes === null ? 'never' : String(minutes)}>
            {minutes === null ? 'Never hide it' : `${minutes} minutes`}
          </option>
        ))}
      </select>
      <p className="field__hint">It comes back as soon as something plays.</p>
    </div>
  );
}
