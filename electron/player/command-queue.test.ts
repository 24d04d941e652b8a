import { describe, expect, it } from 'vitest';

import { CommandQueue } from './command-queue';

/** A controllable request: resolves when the test says so. */
function deferred() {
  let resolve: (value: string) => void = () => undefined;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = () => new Promise<void>((r) => setImmediate(r));

function harness(maxWaiting = 3) {
  const queue = new CommandQueue<string, string>({ maxWaiting, whenDropped: () => 'dropped', whenThrown: () => 'thrown' });
  const started: string[] = [];
  const pendingRequests: Array<ReturnType<typeof deferred>> = [];
  const skipped: string[] = [];
  const command = (name: string) => ({
    run: () => {
      started.push(name);
      const d = deferred();
      pendingRequests.push(d);
      return d.promise.then(() => `${name}:done`);
    },
    onSkipped: () => skipped.push(name),
  });
  const finishNext = async () => {
    pendingRequests.shift()?.resolve('x');
    await flush();
  };
  return { queue, started, skipped, command, finishNext };
}

describe('CommandQueue', () => {
  it('starts an idle lane synchronously and serializes a lane', async () => {
    const h = harness();
    const a = h.queue.enqueue('skip', 'sequence', h.command('n1'));
    expect(h.started).toEqual(['n1']);
    const b = h.queue.enqueue('skip', 'sequence', h.command('n2'));
    expect(h.started).toEqual(['n1']);
    await h.finishNext();
    expect(h.started).toEqual(['n1', 'n2']);
    await h.finishNext();
    expect(await a).toBe('n1:done');
    expect(await b).toBe('n2:done');
  });

  it('runs different lanes independently', () => {
    const h = harness();
    void h.queue.enqueue('skip', 'sequence', h.command('next'));
    void h.queue.enqueue('volume', 'latest', h.command('vol'));
    expect(h.started).toEqual(['next', 'vol']);
  });

  it('latest: keeps only the newest waiting value; replaced callers get its result', async () => {
    const h = harness();
    const results = [10, 20, 30, 40, 50].map((v) => h.queue.enqueue('volume', 'latest', h.command(`v${v}`)));
    expect(h.skipped).toEqual(['v20', 'v30', 'v40']);
    await h.finishNext();
    await h.finishNext();
    expect(h.started).toEqual(['v10', 'v50']);
    expect(await Promise.all(results)).toEqual(['v10:done', 'v50:done', 'v50:done', 'v50:done', 'v50:done']);
    expect(h.queue.idle).toBe(true);
  });

  it('sequence: five next presses send one now and queue the rest, up to the cap', async () => {
    const h = harness(3);
    const results = [1, 2, 3, 4, 5].map((i) => h.queue.enqueue('skip', 'sequence', h.command(`n${i}`)));
    expect(h.queue.size('skip')).toBe(4);
    expect(h.skipped).toEqual(['n5']);
    expect(await results[4]).toBe('dropped');
    for (let i = 0; i < 4; i += 1) await h.finishNext();
    expect(h.started).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(await Promise.all(results.slice(0, 4))).toEqual(['n1:done', 'n2:done', 'n3:done', 'n4:done']);
  });

  it('keeps going when a command throws', async () => {
    const h = harness();
    const bad = h.queue.enqueue('seek', 'latest', {
      run: () => {
        throw new Error('boom');
      },
    });
    const rejected = h.queue.enqueue('seek', 'latest', { run: () => Promise.reject(new Error('x')) });
    expect(await bad).toBe('thrown');
    expect(await rejected).toBe('thrown');
    const ok = h.queue.enqueue('seek', 'latest', h.command('s'));
    await h.finishNext();
    expect(await ok).toBe('s:done');
  });
});
