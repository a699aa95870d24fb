/**
 * Preview images, rendered once per version and kept twice: in memory (LRU) for the next
 * request, and on disk under DATA_DIR/og so a restart does not render them all again. Names
 * carry the version, so an entry never goes stale: a new snapshot or title is a new name.
 * Concurrent requests for an image not yet rendered share one rendering.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LruCache } from '../render/lru.js';
import type { CardData } from './card.js';
import { renderCardPng } from './render.js';

const MAX_IMAGES = 500;
const MAX_BYTES = 32 * 1024 * 1024;
// Names are built here from ids and versions; anything else is refused rather than joined into a path.
const SAFE_NAME = /^[A-Za-z0-9-]+$/;

export interface StoredImage {
  png: Buffer;
  /** Where it came from, for tests and logs. */
  source: 'memory' | 'disk' | 'render';
}

/** A store of images drawn from inputs of type `Input` by `render`. */
export class ImageStore<Input> {
  private readonly memory = new LruCache<Buffer>(MAX_IMAGES, MAX_BYTES);
  private readonly rendering = new Map<string, Promise<Buffer>>();

  constructor(
    readonly dir: string,
    private readonly log: { warn(object: object, message: string): void },
    /** The renderer; tests wrap it to see which images are drawn. */
    public render: (input: Input) => Promise<Buffer>,
  ) {}

  /** The file of an image: `<group>-<version>.png`. */
  fileOf(group: string, version: string): string {
    if (!SAFE_NAME.test(group) || !SAFE_NAME.test(version)) throw new Error('unsafe image name');
    return path.join(this.dir, `${group}-${version}.png`);
  }

  /**
   * The image `version` of `group` (a share id, or a generic card's name). `card` is called
   * only when the image is neither in memory nor on disk.
   */
  async get(group: string, version: string, card: () => Promise<Input> | Input): Promise<StoredImage> {
    const file = this.fileOf(group, version);
    const cached = this.memory.get(file);
    if (cached) return { png: cached, source: 'memory' };
    const onDisk = await readFile(file).catch(() => undefined);
    if (onDisk) {
      this.memory.set(file, onDisk, onDisk.length);
      return { png: onDisk, source: 'disk' };
    }
    let pending = this.rendering.get(file);
    if (!pending) {
      pending = this.produce(group, file, card).finally(() => this.rendering.delete(file));
      this.rendering.set(file, pending);
    }
    return { png: await pending, source: 'render' };
  }

  private async produce(group: string, file: string, card: () => Promise<Input> | Input): Promise<Buffer> {
    const png = await this.render(await card());
    this.memory.set(file, png, png.length);
    // The disk copy is a cache: failing to write it must not fail the request.
    await this.save(group, file, png).catch((error: unknown) => this.log.warn({ err: error }, 'og image not saved'));
    return png;
  }

  private async save(group: string, file: string, png: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Written under a temporary name and renamed, so a reader never sees half a file.
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, png);
    await rename(temporary, file);
    // Older versions of the same share are never asked for again (their URLs name old versions).
    const name = path.basename(file);
    const older = (await readdir(this.dir)).filter(
      (entry) => entry.startsWith(`${group}-`) && entry.endsWith('.png') && entry !== name,
    );
    await Promise.all(older.map((entry) => unlink(path.join(this.dir, entry)).catch(() => undefined)));
  }
}

/** The preview cards (og.png and the generic cards). */
export class OgImageStore extends ImageStore<CardData> {
  constructor(dir: string, log: { warn(object: object, message: string): void } = { warn: () => undefined }) {
    super(dir, log, renderCardPng);
  }
}
