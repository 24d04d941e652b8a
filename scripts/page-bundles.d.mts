export interface PageBundle {
  readonly page: 'main' | 'mini';
  readonly scripts: readonly string[];
  readonly jsKb: number;
  readonly jsGzipKb: number;
}
export function initialScripts(html: string): string[];
export function pageBundles(rendererDir: string): PageBundle[];
