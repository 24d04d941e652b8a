/** Vite's `?raw` imports (used by tests that check the HTML pages). */
declare module '*?raw' {
  const text: string;
  export default text;
}
