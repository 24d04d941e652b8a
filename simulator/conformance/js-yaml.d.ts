// js-yaml ships no types; the conformance suite only needs load().
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
