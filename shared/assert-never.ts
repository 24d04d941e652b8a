/** Makes a `switch` over a tagged union exhaustive: adding a variant without a case fails to compile. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
