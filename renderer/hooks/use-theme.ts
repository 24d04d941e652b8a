import { useEffect } from 'react';

import type { Theme } from '../../shared/state/preferences';
import { applyTheme } from '../theme';

/** Keeps the page's theme in step with the preference (and, on `system`, with the OS). */
export function useTheme(preference: Theme | undefined): void {
  useEffect(() => (preference === undefined ? undefined : applyTheme(preference)), [preference]);
}
