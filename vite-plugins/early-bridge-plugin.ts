import type { Plugin } from 'vite';

/**
 * Adds the bridge chunk to each built page as an async module script of its own (it is also imported by
 * the page's entry: one URL, one module instance). It imports nothing, so it runs as soon as it has
 * arrived — the link to main opens and the snapshot request leaves while React is still downloading and
 * being compiled (renderer/bridge/boot.ts).
 */
export function earlyBridgePlugin(chunkName = 'bridge'): Plugin {
  return {
    name: 'trayplay:early-bridge',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find((output) => output.type === 'chunk' && output.name === chunkName);
        if (chunk === undefined || chunk.type !== 'chunk') return [];
        // Waiting on another chunk would make it no earlier than the entry.
        if (chunk.imports.length > 0) this.error(`the ${chunkName} chunk must not import other chunks (it imports ${chunk.imports.join(', ')})`);
        return [{ tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `./${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}
