// Generated at build time by vite-plugins/contract-checks-plugin.ts; typed where it is imported.
declare module 'virtual:contract-schemas' {
  const schemas: unknown;
  export default schemas;
}
