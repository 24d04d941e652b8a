/**
 * The CSP source that lets each page run its one inline script (renderer/early/early-paint.js, which asks for the
 * snapshot and paints the title before any module has arrived): the script's SHA-256, nothing else inline.
 * The build refuses a script whose hash differs (vite-plugins/early-paint-plugin.ts), and so does a unit test.
 */
export const EARLY_PAINT_SCRIPT_HASH = "'sha256-aXGECMa4GaCvoYN1DeBccKAd3UzrTZWcFlSfvl7nYWM='";

/** Where the script is, from the project root, and the id of the skeleton it paints into. */
export const EARLY_PAINT_SOURCE = 'renderer/early/early-paint.js';
export const EARLY_PAINT_SKELETON_ID = 'early-paint';
