// Element Timing (https://wicg.github.io/element-timing/): Chromium reports when a marked element first paints;
// the first-paint benchmark reads it for the now-playing title.
import 'react';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the type parameter must match React's declaration
  interface HTMLAttributes<T> {
    elementtiming?: string | undefined;
  }
}
