import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium, type Browser } from '@playwright/test';
// @ts-expect-error -- a plain .mjs script; its one export is declared where it is used.
import { buildRenderer as buildBothPages } from '../scripts/build-renderer.mjs';

import { startHost, type Host } from '../electron/host/host';

import { measureBundles, type PageBundle } from './first-paint-bundles';
import { STEP_MARKS } from './first-paint-steps';

// How soon each page paints the now-playing title after navigation: Chromium (headless), the headless host in
// demo mode, cold loads (a fresh browser context each time: empty cache, new WebSocket), median of N. The
// title's paint time comes from the Element Timing API (`elementtiming` on the title), relative to the
// navigation's start, so it includes the HTML, the scripts, the snapshot over the contract and React's render.

const root = process.env.TRAYPLAY_ROOT ?? process.cwd();
const TARGET_MS = 300;
const BUDGET_KB = { main: 90, mini: 75 } as const;

export interface PageFigures {
  readonly page: 'main' | 'mini';
  readonly loads: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly withinTarget: boolean;
  /** Median of each step over the loads (ms since navigation start). */
  readonly medianSteps: Record<keyof LoadSteps, number | null>;
}

/** Builds the renderer as `npm run build` does, into a cache folder, so the figures are of the current source. */
async function buildRenderer(outDir: string): Promise<void> {
  await (buildBothPages as (o: { outDir: string; logLevel: 'warn'; configFile: string }) => Promise<void>)({
    outDir,
    logLevel: 'warn',
    configFile: resolve(root, 'vite.config.ts'),
  });
}

function pageUrl(host: Host, page: 'index.html' | 'mini.html'): string {
  // Hosts that carry a per-launch secret expose pageUrl; older ones serve pages straight from their URL.
  const withPages = host as Host & { pageUrl?: (p: 'index.html' | 'mini.html') => string };
  if (typeof withPages.pageUrl === 'function') return withPages.pageUrl(page);
  return page === 'index.html' ? host.url : `${host.url}/${page}`;
}

/** Where one load's time went, in ms since navigation start (null where a step was not seen). */
export interface LoadSteps {
  /** The HTML's last byte. */
  readonly html: number | null;
  /** The last initial script's last byte (the entry and its modulepreloads). */
  readonly scripts: number | null;
  /** The page's code starts (after every static import was fetched, parsed and evaluated). */
  readonly boot: number | null;
  readonly stateRequested: number | null;
  readonly stateReceived: number | null;
  /** The inline early script painted the title into the skeleton (null when it did not, e.g. a mode it skips). */
  readonly earlyPainted: number | null;
  readonly stateRendered: number | null;
  readonly titlePainted: number;
}

async function titlePaint(browser: Browser, url: string): Promise<LoadSteps> {
  const context = await browser.newContext({ viewport: { width: 420, height: 720 } });
  try {
    const page = await context.newPage();
    // Installed before any script of the page runs: it keeps the first paint of the title element.
    await page.addInitScript(() => {
      const record = globalThis as unknown as { __titlePaint?: number };
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { identifier?: string; renderTime?: number; startTime: number }[]) {
          if (entry.identifier === 'now-playing-title' && record.__titlePaint === undefined) {
            record.__titlePaint = entry.renderTime || entry.startTime;
          }
        }
      }).observe({ type: 'element', buffered: true } as unknown as { type: 'mark' });
    });
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => (globalThis as unknown as { __titlePaint?: number }).__titlePaint, undefined, {
      timeout: 15_000,
      polling: 20,
    });
    const titlePainted = Number(await handle.jsonValue());
    const seen = await page.evaluate((marks) => {
      // The page's timing entries (typed here without the DOM library).
      type Timed = { name: string; startTime: number; responseEnd: number; initiatorType?: string };
      const timing = performance as unknown as { getEntriesByType(type: string): Timed[]; getEntriesByName(name: string, type: string): Timed[] };
      const at = (name: string): number | null => timing.getEntriesByName(name, 'mark')[0]?.startTime ?? null;
      const boot = at(marks.boot);
      // The initial scripts: those loaded before the page's code started (lazy chunks come later).
      const scripts = timing
        .getEntriesByType('resource')
        .filter((r) => r.name.endsWith('.js') && (boot === null || r.responseEnd <= boot))
        .map((r) => r.responseEnd);
      return {
        html: timing.getEntriesByType('navigation')[0]?.responseEnd ?? null,
        scripts: scripts.length === 0 ? null : Math.max(...scripts),
        ...(Object.fromEntries(Object.entries(marks).map(([key, name]) => [key, at(name)])) as Record<keyof typeof marks, number | null>),
      };
    }, STEP_MARKS);
    return { ...seen, titlePainted };
  } finally {
    await context.close();
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export interface FirstPaintOptions {
  readonly loads?: number;
  /** Use an already built renderer instead of building one. */
  readonly rendererDir?: string;
}

export async function run(options: FirstPaintOptions = {}): Promise<Record<string, unknown>> {
  const loads = options.loads ?? 10;
  const work = mkdtempSync(join(tmpdir(), 'trayplay-first-paint-'));
  const rendererDir = options.rendererDir ?? join(work, 'renderer');
  if (options.rendererDir === undefined) await buildRenderer(rendererDir);
  const bundles: readonly PageBundle[] = measureBundles(rendererDir);
  const host = await startHost({ rendererDir, userDataDir: join(work, 'user-data'), logSink: () => undefined });
  const browser = await chromium.launch({
    executablePath: process.env.PW_BUNDLED_CHROMIUM ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const figures: PageFigures[] = [];
    for (const [page, file] of [
      ['main', 'index.html'],
      ['mini', 'mini.html'],
    ] as const) {
      // One warm-up load so the host's first-request costs (demo sign-in, first read) are not counted as cold page cost.
      await titlePaint(browser, pageUrl(host, file));
      const steps: LoadSteps[] = [];
      for (let i = 0; i < loads; i += 1) steps.push(await titlePaint(browser, pageUrl(host, file)));
      const times = steps.map((s) => s.titlePainted);
      const medianMs = Math.round(median(times));
      const medianSteps = Object.fromEntries(
        (Object.keys(steps[0] ?? {}) as (keyof LoadSteps)[]).map((key) => {
          const values = steps.map((s) => s[key]).filter((v): v is number => v !== null);
          return [key, values.length === 0 ? null : Math.round(median(values))];
        }),
      ) as Record<keyof LoadSteps, number | null>;
      figures.push({
        page,
        loads,
        medianMs,
        minMs: Math.round(Math.min(...times)),
        maxMs: Math.round(Math.max(...times)),
        withinTarget: medianMs <= TARGET_MS,
        medianSteps,
      });
    }
    return {
      targetMs: TARGET_MS,
      pages: figures,
      bundles: bundles.map((b) => ({ ...b, budgetKb: BUDGET_KB[b.page], withinBudget: b.jsGzipKb <= BUDGET_KB[b.page] })),
    };
  } finally {
    await browser.close();
    await host.close();
    rmSync(work, { recursive: true, force: true });
  }
}

const entry = process.argv[1] ?? '';
if (/first-paint\.(ts|mjs|js)$/.test(entry) || import.meta.url === pathToFileURL(entry).href) {
  console.log(JSON.stringify({ bench: 'first-paint', ...(await run()) }));
}
