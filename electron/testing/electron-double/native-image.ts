// `nativeImage`: bitmaps checked for size the way Electron checks them; template flag kept.
import { existsSync, readFileSync } from 'node:fs';

import type { Runtime } from './runtime';

export class NativeImageDouble implements Pick<Electron.NativeImage, 'getSize' | 'isEmpty' | 'setTemplateImage' | 'isTemplateImage' | 'getScaleFactors' | 'getAspectRatio' | 'addRepresentation'> {
  private template = false;
  private readonly extraScales: number[] = [];

  public constructor(
    /** Size in device-independent pixels. */
    private size: { width: number; height: number },
    private scaleFactor: number,
    public bitmap: Buffer,
    public readonly source: string,
  ) {}

  public getSize(): Electron.Size {
    return { ...this.size };
  }
  public isEmpty(): boolean {
    return this.size.width === 0 || this.size.height === 0;
  }
  public setTemplateImage(option: boolean): void {
    this.template = option;
  }
  public isTemplateImage(): boolean {
    return this.template;
  }
  public getScaleFactors(): number[] {
    return this.isEmpty() ? [] : [this.scaleFactor, ...this.extraScales];
  }
  /** Electron needs width and height with a bitmap buffer of width × height × 4 bytes (PNG/JPEG buffers are decoded). */
  public addRepresentation(options: Electron.AddRepresentationOptions): void {
    const { width = 0, height = 0, scaleFactor = 1, buffer, dataURL } = options;
    if (!buffer && !dataURL) throw new Error('addRepresentation needs a buffer or a dataURL');
    if (width <= 0 || height <= 0) throw new Error('addRepresentation needs a positive width and height');
    if (this.isEmpty()) {
      this.size = { width: Math.round(width / scaleFactor), height: Math.round(height / scaleFactor) };
      this.scaleFactor = scaleFactor;
      this.bitmap = buffer ? Buffer.from(buffer) : Buffer.alloc(0);
    } else if (scaleFactor !== this.scaleFactor && !this.extraScales.includes(scaleFactor)) {
      this.extraScales.push(scaleFactor);
    }
  }
  public getAspectRatio(): number {
    return this.size.height === 0 ? 1 : this.size.width / this.size.height;
  }
  public toBitmap(): Buffer {
    return Buffer.from(this.bitmap);
  }
  public resize(options: Electron.ResizeOptions): NativeImageDouble {
    const width = options.width ?? this.size.width;
    const height = options.height ?? Math.round((width / (this.size.width || 1)) * this.size.height);
    return new NativeImageDouble({ width, height }, this.scaleFactor, Buffer.alloc(width * height * 4), `${this.source} resized`);
  }
}

const empty = (source: string): NativeImageDouble => new NativeImageDouble({ width: 0, height: 0 }, 1, Buffer.alloc(0), source);

export function createNativeImageModule(runtime: Runtime) {
  return {
    createEmpty: (): NativeImageDouble => empty('empty'),
    /** Electron requires width and height and a buffer of exactly width × height × 4 bytes. */
    createFromBitmap: (buffer: Buffer, options: Electron.CreateFromBitmapOptions): NativeImageDouble => {
      runtime.record('nativeImage', 'createFromBitmap', [buffer.length, options]);
      if (!Buffer.isBuffer(buffer)) runtime.fail('nativeImage.createFromBitmap', 'buffer must be a node Buffer', 'TypeError');
      const { width, height } = options;
      if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) runtime.fail('nativeImage.createFromBitmap', 'width and height must be positive integers');
      if (buffer.length !== width * height * 4) runtime.fail('nativeImage.createFromBitmap', 'invalid buffer size');
      const scale = options.scaleFactor ?? 1;
      return new NativeImageDouble({ width: Math.round(width / scale), height: Math.round(height / scale) }, scale, Buffer.from(buffer), 'bitmap');
    },
    /** A PNG's size from its header; anything unreadable gives an empty image (Electron does not throw). */
    createFromPath: (path: string): NativeImageDouble => {
      runtime.record('nativeImage', 'createFromPath', [path]);
      if (!existsSync(path)) return empty(path);
      return fromPng(readFileSync(path), path) ?? empty(path);
    },
    createFromBuffer: (buffer: Buffer, options?: Electron.CreateFromBufferOptions): NativeImageDouble => {
      runtime.record('nativeImage', 'createFromBuffer', [buffer.length, options]);
      return fromPng(buffer, 'buffer') ?? empty('buffer');
    },
    createFromDataURL: (dataURL: string): NativeImageDouble => {
      const match = /^data:image\/png;base64,(.*)$/.exec(dataURL);
      return (match && fromPng(Buffer.from(match[1] ?? '', 'base64'), 'dataURL')) || empty('dataURL');
    },
  };
}

function fromPng(bytes: Buffer, source: string): NativeImageDouble | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return null;
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const scale = /@2x\.png$/.test(source) ? 2 : 1;
  return new NativeImageDouble({ width: width / scale, height: height / scale }, scale, Buffer.alloc(0), source);
}
