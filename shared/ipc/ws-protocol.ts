import { z } from 'zod';

/** The path the headless host serves the contract on, beside the renderer pages. */
export const WS_CONTRACT_PATH = '/contract';
/** Larger frames are refused before parsing. */
export const WS_MAX_FRAME_BYTES = 64 * 1024;

const channel = z.string().min(1).max(100);

/** Client → host frames. */
export const WsClientFrameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: z.number().int().nonnegative(), ch: channel, p: z.unknown().optional() }),
  z.object({ t: z.literal('cmd'), ch: channel, p: z.unknown().optional() }),
]);
export type WsClientFrame = z.infer<typeof WsClientFrameSchema>;

/** Host → client frames. */
export const WsServerFrameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('reply'), id: z.number().int().nonnegative(), r: z.unknown() }),
  z.object({ t: z.literal('event'), ch: channel, p: z.unknown().optional() }),
]);
export type WsServerFrame = z.infer<typeof WsServerFrameSchema>;
