// The boot harness is built per worktree: node_modules is a symlink shared by every worktree on a machine,
// so a harness built under it would be another checkout's boot-child running against this one's bundle.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';

import { expect, it } from 'vitest';

import { buildHarness, harnessDir, ROOT } from './boot-runner';

it('builds the boot harness outside the (shared) node_modules, in a folder of its own per checkout', async () => {
  const harness = await buildHarness();
  expect(realpathSync(harness).startsWith(realpathSync(join(ROOT, 'node_modules')))).toBe(false);
  expect(harness.startsWith(harnessDir(ROOT))).toBe(true);
  expect(harnessDir('/work/one')).not.toBe(harnessDir('/work/two'));
  expect(harnessDir(ROOT)).toBe(harnessDir(ROOT));
}, 60_000);
