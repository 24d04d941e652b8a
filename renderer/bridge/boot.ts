import { getApi } from './api';
import { markBoot } from './boot-marks';
import { checkedChannels } from './contract-checks';
import { EARLY_GET_STATE, earlyHandle, earlyStateNow } from './early-handoff';
import { requestStateEarly } from './early-state';

// Each page's entry imports this first, so it runs before React (or Preact) is evaluated: the link to main
// opens and the snapshot is on its way while the framework loads and renders its first frame. When the page's
// inline script asked already (renderer/early/early-paint.js), its request is reused and, if answered, its
// snapshot is the first frame's state.
markBoot('trayplay:boot');
const early = earlyHandle(window);
const getState = checkedChannels.find((entry) => entry.channel === EARLY_GET_STATE);
requestStateEarly(getApi(), {
  initial: earlyStateNow(early, getState?.kind === 'call' ? getState.reply : null),
  snapshot: early?.socket === null ? early.snapshot : null,
  push: early?.push ?? null,
});
// The bridge listens now (subscribed above, so no push falls in between): the inline script's listener goes.
early?.unlisten?.();
if (early !== null) early.unlisten = null;
