// Prints each built bundle's size, raw and gzip, and each page's initial JavaScript, as JSON (run `npm run build` first).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

import { pageBundles } from './page-bundles.mjs';

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

const rows = walk('dist')
  .filter((file) => /\.(c?js|css|html)$/.test(file))
  .map((file) => {
    const body = readFileSync(file);
    return { file: relative('dist', file), bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
console.log(JSON.stringify({ pages: pageBundles(join('dist', 'renderer')), bundles: rows }, null, 2));
