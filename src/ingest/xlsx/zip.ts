import { reason } from '../../diagnostics/reasons.js';
import { entryBytes, readZipEntries, ZipFormatError, type ZipEntry } from '../../zip/directory.js';
import { corrupt, tooLarge, totalTooLarge } from './errors.js';

/**
 * Inflates one entry in chunks of at most `chunkBytes` (0 stored, 8 deflate),
 * throwing ZipFormatError on damaged data. Node passes node:zlib's stream
 * (src/zip/inflate.ts), the browser DecompressionStream (src/web/inflate.ts):
 * this module imports neither, so the same reader runs in both.
 */
export type Inflater = (data: Uint8Array, method: number, chunkBytes: number) => AsyncIterable<Uint8Array>;

/** Runs a directory read, turning a damaged zip into the reader's typed error. */
function zipCall<T>(part: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ZipFormatError) throw corrupt(part, error.reason);
    throw error;
  }
}

/**
 * Inflated chunk size. Each chunk is a round trip to zlib's thread, so fewer,
 * larger chunks keep the scan going; 1 MB was the fastest measured, with memory
 * still flat (bench/README.md, "What changed").
 */
const CHUNK_BYTES = 1 << 20;

/**
 * Zip access for the xlsx reader: the central directory
 * and one entry at a time as a stream of inflated chunks. The inflated bytes are
 * counted as they come out: the sizes in the directory can lie, the output cannot.
 * This is the zip-bomb guard (preflight only checks the declared sizes): each
 * entry is capped, and so is the sum over the entries read (an entry read twice
 * counts once, at its largest), so no separate counting pass is needed.
 *
 * Part names are found case-insensitively (OPC, ECMA-376 Part 2 §6.2.2.3: part
 * names are equivalent up to ASCII case), so `xl/SharedStrings.xml` is found
 * from a relationship that says `sharedStrings.xml`.
 */
export class ZipArchive {
  private readonly byName: Map<string, ZipEntry>;
  /** Most bytes seen from each entry read so far, and their sum. */
  private readonly inflated = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly inflate: Inflater,
    /** Most bytes any one entry may inflate to. */
    private readonly cap: number,
    /** Most bytes all entries together may inflate to. */
    private readonly totalCap: number = Infinity,
  ) {
    this.byName = new Map();
    for (const e of zipCall('zip', () => readZipEntries(bytes))) {
      const key = e.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  private entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  /** The entry's declared inflated size (0 when absent): a hint only, the directory can lie. */
  declaredSize(name: string): number {
    return this.entry(name)?.uncompressedSize ?? 0;
  }

  /** The entry's compressed size (0 when absent): how big a part is without inflating it. */
  compressedSize(name: string): number {
    return this.entry(name)?.compressedSize ?? 0;
  }

  /** Counts `size` bytes inflated so far from `name`, throwing past either cap. */
  private count(entry: ZipEntry, size: number): void {
    if (size > this.cap) throw tooLarge(entry.name, this.cap, entry.uncompressedSize);
    const before = this.inflated.get(entry.name) ?? 0;
    if (size <= before) return;
    this.inflated.set(entry.name, size);
    this.total += size - before;
    if (this.total > this.totalCap) throw totalTooLarge(this.totalCap);
  }

  /** The entry's inflated bytes, chunk by chunk; throws past the cap, and on damaged or truncated data. */
  async *chunks(name: string): AsyncGenerator<Uint8Array> {
    const entry = this.entry(name);
    if (!entry) throw corrupt(name, reason('part-missing'));
    const data = this.compressed(entry);
    if (entry.method === 0) this.count(entry, data.length); // a stored part's size is known: refuse it before reading
    // Chunks of CHUNK_BYTES, or the declared size for small parts. A stored part comes
    // in pieces too: the scanner copies each into its window, so a whole one would be held twice.
    let size = 0;
    try {
      for await (const chunk of this.inflate(data, entry.method, Math.min(CHUNK_BYTES, Math.max(16 << 10, entry.uncompressedSize)))) {
        size += chunk.length;
        this.count(entry, size);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof ZipFormatError) throw corrupt(entry.name, error.reason);
      throw error;
    }
  }

  /** The whole entry as text, for the small parts (workbook, rels). */
  async text(name: string): Promise<string> {
    const decoder = new TextDecoder();
    let out = '';
    for await (const chunk of this.chunks(name)) out += decoder.decode(chunk, { stream: true });
    return out + decoder.decode();
  }

  private compressed(entry: ZipEntry): Uint8Array {
    return zipCall(entry.name, () => entryBytes(this.bytes, entry));
  }
}
