/**
 * Built report workbooks, kept so a download does not build the report again
 * (10 parallel downloads of one submission took 38 s each when every one
 * re-scored its input). Parallel requests for the same report share one build.
 * A report shows last year's scores beside this year's, so any new upload may
 * change some report: a store write clears the cache (uploads are rare next to
 * downloads). Bounded by entries and bytes; the oldest goes first.
 */
export class ReportCache {
  private readonly built = new Map<string, Uint8Array>();
  private readonly building = new Map<string, Promise<Uint8Array>>();
  private bytes = 0;
  /** Bumped by clear(): a build that started before it is not kept. */
  private generation = 0;

  constructor(
    private readonly maxEntries = 64,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** The cached report, if built (counts as a use). */
  peek(key: string): Uint8Array | undefined {
    const hit = this.built.get(key);
    if (hit) {
      this.built.delete(key); // re-insert: most recently used last
      this.built.set(key, hit);
    }
    return hit;
  }

  /** The cached report, or the one being built, or a new build (kept when it succeeds). */
  async get(key: string, build: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const hit = this.peek(key);
    if (hit) return hit;
    const pending = this.building.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = build().then(
      (bytes) => {
        this.building.delete(key);
        if (generation === this.generation) this.keep(key, bytes);
        return bytes;
      },
      (error: unknown) => {
        this.building.delete(key);
        throw error;
      },
    );
    this.building.set(key, promise);
    return promise;
  }

  clear(): void {
    this.generation++;
    this.built.clear();
    this.building.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.built.size;
  }

  private keep(key: string, bytes: Uint8Array): void {
    if (bytes.byteLength > this.maxBytes) return;
    this.built.set(key, bytes);
    this.bytes += bytes.byteLength;
    for (const [oldKey, old] of this.built) {
      if (this.built.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.built.delete(oldKey);
      this.bytes -= old.byteLength;
    }
  }
}
