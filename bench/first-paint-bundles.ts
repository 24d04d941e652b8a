export { pageBundles as measureBundles, type PageBundle } from '../scripts/page-bundles.mjs';
