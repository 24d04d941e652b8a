/**
 * The renderer's User Timing marks the bench reads, by the step column each is printed as, in load order.
 * `earlyPainted`: the inline early script painted the title into the skeleton (renderer/early/early-paint.js).
 */
export const STEP_MARKS = {
  boot: 'trayplay:boot',
  stateRequested: 'trayplay:state-requested',
  stateReceived: 'trayplay:state-received',
  earlyPainted: 'trayplay:early-painted',
  stateRendered: 'trayplay:state-rendered',
} as const;
