import { getApi } from './api';
import { markBoot } from './boot-marks';
import { requestStateEarly } from './early-state';

// Each page's entry imports this first, so it runs before React (or Preact) is evaluated: the link to main
// opens and the snapshot is on its way while the framework loads and renders its first frame.
markBoot('trayplay:boot');
requestStateEarly(getApi());
