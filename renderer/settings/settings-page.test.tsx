import { afterEach, describe, expect, it } from 'vitest';

import { appState } from '../testing/fixtures';
import { mount, type Mounted } from '../testing/mount';
import { click } from '../testing/render';

let view: Mounted | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const described = (input: HTMLElement): string =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('settings: Linux media controls', () => {
  it('names the follow switch as the README does, with a line saying what following means tied to it', async () => {
    view = await mount(appState());
    await click(view.byTestId('nav-settings'));
    const follow = view.byTestId<HTMLInputElement>('setting-media-follow');
    expect(follow.closest('label')?.textContent).toBe('Follow the Spotify app on this computer');
    expect(described(follow)).toMatch(/Spotify app on this computer plays/);
    expect(described(follow)).toMatch(/steps back/);
  });
});
