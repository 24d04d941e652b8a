import { describe, expect, it } from 'vitest';

import mainHtml from './index.html?raw';
import miniHtml from './mini.html?raw';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: http://127.0.0.1:* https://i.scdn.co; connect-src 'self' ws://127.0.0.1:*; font-src 'self'; base-uri 'none'; form-action 'none'";

// Checked as text: parsing the pages in happy-dom would try to fetch their stylesheets.
describe.each([
  ['index.html', mainHtml, './main/main.tsx'],
  ['mini.html', miniHtml, './mini/mini.tsx'],
])('%s', (_name, html, entry) => {
  it('carries the strict CSP', () => {
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CSP);
  });

  it('loads one module script and no inline scripts or styles', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.[1]).toContain(`src="${entry}"`);
    expect(scripts[0]?.[2]?.trim()).toBe('');
    expect(html).not.toMatch(/<style\b|\sstyle=/);
  });
});
