import { useEffect } from 'react';

/** Keeps the window title in step (shown in the taskbar and window switcher). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
