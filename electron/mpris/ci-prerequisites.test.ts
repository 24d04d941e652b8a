import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

// The real-bus MPRIS tests skip when dbus-daemon or playerctl is missing, so a CI job without them passes
// while testing nothing: both CI entry points must install them on Linux.

const root = join(__dirname, '..', '..');
const NEEDED = ['dbus', 'playerctl'];

interface Step {
  readonly name?: string;
  readonly if?: string;
  readonly run?: string;
}

describe('CI installs what the MPRIS bus tests need', () => {
  it('.ci/run installs dbus and playerctl', () => {
    const script = readFileSync(join(root, '.ci', 'run'), 'utf8');
    const install = script.split('\n').find((line) => /apt-get install/.test(line)) ?? '';
    for (const pkg of NEEDED) expect(install.split(/\s+/), pkg).toContain(pkg);
  });

  it('the GitHub workflow installs them in the Linux job before npm test', () => {
    const workflow = load(readFileSync(join(root, '.github', 'workflows', 'ci.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
    const steps = workflow.jobs.test!.steps;
    const installAt = steps.findIndex((s) => /runner\.os == 'Linux'/.test(s.if ?? '') && NEEDED.every((pkg) => new RegExp(`apt-get install[^\\n]*\\s${pkg}(\\s|$)`).test(s.run ?? '')));
    const testAt = steps.findIndex((s) => /runner\.os == 'Linux'/.test(s.if ?? '') && /npm test/.test(s.run ?? ''));
    expect(installAt).toBeGreaterThanOrEqual(0);
    expect(installAt).toBeLessThan(testAt);
  });
});
