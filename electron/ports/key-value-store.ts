/** A small persistent map (electron-store in the app, a JSON file in the headless host and tests). Synchronous, as electron-store is. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}
