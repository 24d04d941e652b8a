// What a page could reach from an object the preload hands to contextBridge. Electron's bridge reads each
// key with a plain Get — a getter runs once, at expose time, and its value is copied — and drops
// prototypes (docs: "Prototype modifications are dropped"). The walk follows both anyway: getters because
// their values do cross, prototypes as a safe superset (a leak there would cross if the bridge ever kept them).

/** Every object and function reachable from `root`: own property values, getter results, prototypes. */
export function reachable(root: unknown): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown): void => {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) return;
    seen.add(v);
    out.push(v);
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (!d) continue;
      if ('value' in d) walk(d.value);
      if (d.get) {
        walk(d.get);
        walk(read(d.get, v));
      }
      if (d.set) walk(d.set);
    }
    walk(Object.getPrototypeOf(v));
  };
  walk(root);
  return out;
}

/** A getter's value as the bridge's Get would see it (one that throws yields nothing). */
function read(getter: () => unknown, receiver: unknown): unknown {
  try {
    return getter.call(receiver);
  } catch {
    return undefined;
  }
}
