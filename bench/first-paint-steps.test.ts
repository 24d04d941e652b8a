import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { STEP_MARKS } from './first-paint-steps';

/** Every `trayplay:*` User Timing mark the renderer's code sets (the bridge's and the inline early script's). */
function marksInRenderer(dir = 'renderer'): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const name of marksInRenderer(path)) found.add(name);
    else if (/\.(ts|tsx|js)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      for (const match of readFileSync(path, 'utf8').matchAll(/\b(?:markBoot|mark)\('(trayplay:[a-z-]+)'/g)) found.add(match[1]!);
    }
  }
  return found;
}

describe('first-paint bench steps', () => {
  it('prints a step column for every mark the renderer sets, the early paint included', () => {
    const marks = marksInRenderer();
    expect(marks.has('trayplay:early-painted')).toBe(true);
    expect([...marks].sort()).toEqual(Object.values(STEP_MARKS).sort());
  });
});
