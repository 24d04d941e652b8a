import type { Theme } from '../shared/state/preferences';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme the page shows: the user's choice, or on `system` what the OS prefers. */
export function resolveTheme(preference: Theme, prefersDark: boolean): 'light' | 'dark' {
  if (preference === 'system') return prefersDark ? 'dark' : 'light';
  return preference;
}

/** Sets `data-theme` on the root element (the design tokens in base.css follow it); re-applies on OS changes. */
export function applyTheme(preference: Theme, target: HTMLElement = document.documentElement): () => void {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
  const apply = (): void => {
    target.dataset.theme = resolveTheme(preference, query?.matches ?? true);
    target.dataset.themePreference = preference;
  };
  apply();
  if (query === null || preference !== 'system') return () => undefined;
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
