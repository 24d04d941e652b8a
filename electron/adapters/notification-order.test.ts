// The adapter waits (up to 3 s) for album art before showing: a slow fetch for an earlier track must not
// land after the next track's notice, and the focus rule is asked again when the notice is finally shown.
import { describe, expect, it, vi } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';
import { settle } from '../testing/manual-clock';

const h = vi.hoisted(() => ({ fetches: [] as Array<{ url: string; resolve: (r: Response) => void }>, shown: [] as string[], closed: [] as string[] }));
vi.mock('electron', () => ({
  net: { fetch: (url: string) => new Promise<Response>((resolve) => h.fetches.push({ url, resolve })) },
  nativeImage: { createFromBuffer: () => ({ isEmpty: () => false, resize: () => ({}) }) },
  Notification: class {
    public static isSupported(): boolean {
      return true;
    }
    public constructor(private readonly o: { title: string }) {}
    public on(): this {
      return this;
    }
    public show(): void {
      h.shown.push(this.o.title);
    }
    public close(): void {
      h.closed.push(this.o.title);
    }
  },
}));

const { electronNotifier } = await import('./notifications');

const setup = () => {
  h.fetches.length = 0;
  h.shown.length = 0;
  h.closed.length = 0;
  return electronNotifier(new RootLogger({ sink: memorySink().sink }).scope('notify'));
};
const art = () => new Response(new Uint8Array([1]));
const notice = (title: string) => ({ title, body: '', artUrl: `https://i.scdn.co/image/${title}` });

describe('track notification order', () => {
  it('a slow art fetch for an earlier track never shows after the next track', async () => {
    const n = setup();
    n.show(notice('A'), () => true);
    n.show(notice('B'), () => true);
    h.fetches[1]!.resolve(art());
    await settle();
    h.fetches[0]!.resolve(art());
    await settle();
    expect(h.shown).toEqual(['B']);
  });

  it('a notice whose art arrives after a Trayplay window took focus is not shown', async () => {
    const n = setup();
    let wanted = true;
    n.show(notice('A'), () => wanted);
    wanted = false;
    h.fetches[0]!.resolve(art());
    await settle();
    expect(h.shown).toEqual([]);
  });
});
