import { useState, type KeyboardEvent, type ReactElement } from 'react';

import type { DesktopStatus } from '../../shared/state/desktop';
import { HOTKEY_COMMANDS, type HotkeyCommand, type Preferences } from '../../shared/state/preferences';
import { useApi } from '../hooks/api-context';
import { useCommands } from '../hooks/use-command-runner';

import { describeAccelerator, recordKeyPress } from './accelerator';
import { COMMAND_LABELS, hotkeyStatusView, reportFor } from './hotkey-status-view';

interface HotkeyEditorProps {
  readonly preferences: Preferences;
  readonly desktop: DesktopStatus;
  readonly platform: string;
}

/** Each command's global shortcut: recorded by pressing it, with main's registration report beside it. */
export function HotkeyEditor({ preferences, desktop, platform }: HotkeyEditorProps): ReactElement {
  const api = useApi();
  const { run, busy } = useCommands();
  const [recording, setRecording] = useState<HotkeyCommand | null>(null);
  const [problem, setProblem] = useState<{ command: HotkeyCommand; text: string } | null>(null);
  const { bindings } = preferences.hotkeys;

  const save = (command: HotkeyCommand, accelerator: string | null): void => {
    setRecording(null);
    void run('hotkeys', () => api.settings.update({ hotkeys: { bindings: { [command]: accelerator } } }));
  };

  const onKeyDown = (command: HotkeyCommand) => (event: KeyboardEvent<HTMLButtonElement>) => {
    if (recording !== command) return;
    // While recording every key is the shortcut, Tab and Space included: nothing else may act on it.
    event.preventDefault();
    event.stopPropagation();
    const result = recordKeyPress(event, platform);
    switch (result.kind) {
      case 'incomplete':
        return;
      case 'cancel':
        setRecording(null);
        return;
      case 'clear':
        setProblem(null);
        save(command, null);
        return;
      case 'invalid':
        setProblem({ command, text: result.reason });
        return;
      case 'accelerator':
        setProblem(null);
        save(command, result.accelerator);
        return;
    }
  };

  return (
    <div className="hotkeys" data-testid="hotkey-editor">
      <table className="hotkeys__table">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Shortcut</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {HOTKEY_COMMANDS.map((command) => {
            const accelerator = bindings[command];
            const status = hotkeyStatusView(reportFor(command, bindings, desktop.hotkeys));
            const isRecording = recording === command;
            const statusId = `hotkey-status-${command}`;
            const labelId = `hotkey-label-${command}`;
            const buttonId = `hotkey-button-${command}`;
            return (
              <tr key={command} data-testid="hotkey-row" data-command={command}>
                <th scope="row" id={labelId}>
                  {COMMAND_LABELS[command]}
                </th>
                <td>
                  <button
                    type="button"
                    className={`button button--small hotkey${isRecording ? ' is-recording' : ''}`}
                    data-testid="hotkey-record"
                    aria-describedby={statusId}
                    id={buttonId}
                    // Named by the action and the shortcut it shows ("Play / pause Ctrl+Alt+K"); the status describes it.
                    aria-labelledby={`${labelId} ${buttonId}`}
                    aria-pressed={isRecording}
                    onClick={() => {
                      setProblem(null);
                      setRecording(isRecording ? null : command);
                    }}
                    onKeyDown={onKeyDown(command)}
                    onBlur={() => setRecording((current) => (current === command ? null : current))}
                  >
                    {isRecording ? 'Press a shortcut…' : accelerator === null ? 'Not set' : <kbd>{describeAccelerator(accelerator, platform)}</kbd>}
                  </button>
                  {accelerator === null ? null : (
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      data-testid="hotkey-clear"
                      aria-label={`Clear the shortcut for ${COMMAND_LABELS[command]}`}
                      onClick={() => save(command, null)}
                    >
                      Clear
                    </button>
                  )}
                </td>
                <td>
                  <span id={statusId} className={`hotkey-status tone--${status.tone}`} data-testid="hotkey-status">
                    {problem?.command === command ? problem.text : status.text}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions">
        <button
          type="button"
          className="button button--small"
          data-testid="hotkeys-reset"
          disabled={busy.has('resetHotkeys')}
          onClick={() => void run('resetHotkeys', () => api.settings.resetHotkeys())}
        >
          Reset shortcuts to defaults
        </button>
      </div>
    </div>
  );
}
