// @ts-expect-error -- a plain .mjs script (also run by `node scripts/bundle-sizes.mjs`); its shape is declared below.
import { pageBundles } from '../scripts/page-bundles.mjs';

export interface PageBundle {
  readonly page: 'main' | 'mini';
  readonly scripts: readonly string[];
  readonly jsKb: number;
  readonly jsGzipKb: number;
}

/** Each page's initial JavaScript (script + modulepreloads), raw and gzip, in KB. */
export const measureBundles = pageBundles as (rendererDir: string) => PageBundle[];
