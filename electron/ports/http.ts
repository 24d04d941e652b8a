/** The slice of `fetch` the Spotify clients use; tests pass the simulator's in-process handler. */
export type HttpFetch = (url: string, init?: RequestInit) => Promise<Response>;
