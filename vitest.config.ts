import { defineConfig } from 'vitest/config';

import { contractSchemasPlugin } from './vite-plugins/contract-checks-plugin';

// One project per runtime: main-process logic, shared code and the simulator in Node; the renderer in a DOM.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'simulator/**/*.test.ts', 'bench/**/*.test.ts'],
        },
      },
      {
        oxc: { jsx: { runtime: 'automatic' } },
        plugins: [contractSchemasPlugin()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
        },
      },
    ],
  },
});
