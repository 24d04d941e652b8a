import type { Plugin } from 'vite';

import { contract } from '../shared/contract';
import { contractJsonSchemas } from '../shared/ipc/json-schemas';

const ID = 'virtual:contract-schemas';
const RESOLVED = `\0${ID}`;

/**
 * `virtual:contract-schemas`: the contract as JSON Schemas, generated from shared/contract.ts when the renderer is
 * built, so the page checks every payload without shipping zod (renderer/bridge/contract-checks.ts).
 */
export function contractSchemasPlugin(): Plugin {
  return {
    name: 'trayplay-contract-schemas',
    resolveId: (source) => (source === ID ? RESOLVED : null),
        // JSON.parse of a string literal is parsed faster than the same object literal.
    load: (id) => (id === RESOLVED ? `export default JSON.parse(${JSON.stringify(JSON.stringify(contractJsonSchemas(contract)))});` : null),
  };
}
