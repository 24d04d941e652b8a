/** The user's system browser. Callers check the URL against an allow-list before opening it. */
export interface Browser {
  open(url: string): Promise<void>;
}
