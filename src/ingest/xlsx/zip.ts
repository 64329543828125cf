import { createInflateRaw } from 'node:zlib';
import { readCentralDirectory, type ZipPart } from './centralDirectory.js';
import { corrupt, tooLarge } from './errors.js';

/**
 * Zip access for the xlsx reader: the central directory
 * and one entry at a time as a stream of inflated chunks. The inflated bytes are
 * counted as they come out: the sizes in the directory can lie, the output cannot.
 */
export class ZipArchive {
  private readonly byName: Map<string, ZipPart>;

  constructor(
    private readonly bytes: Uint8Array,
    /** Most bytes any one entry may inflate to. */
    private readonly cap: number,
  ) {
    this.byName = new Map(readCentralDirectory(bytes).map((e) => [e.name, e]));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The entry's inflated bytes, chunk by chunk; throws past the cap. */
  async *chunks(name: string): AsyncGenerator<Uint8Array> {
    const entry = this.byName.get(name);
    if (!entry) throw corrupt(name, 'the part is missing');
    const data = this.compressed(entry);
    if (entry.method === 0) {
      if (data.length > this.cap) throw tooLarge(name, this.cap);
      if (data.length) yield data;
      return;
    }
    if (entry.method !== 8) throw corrupt(name, `compression method ${entry.method} is not stored or deflate`);
    // 256 KB chunks: few enough async steps to keep the scan loop hot, small enough to keep memory flat.
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    inflate.end(data);
    let size = 0;
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.cap) throw tooLarge(name, this.cap);
        yield chunk;
      }
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith?.('Z_')) throw corrupt(name, (error as Error).message);
      throw error;
    } finally {
      inflate.destroy();
    }
  }

  /** The whole entry as text, for the small parts (workbook, rels). */
  async text(name: string): Promise<string> {
    const decoder = new TextDecoder();
    let out = '';
    for await (const chunk of this.chunks(name)) out += decoder.decode(chunk, { stream: true });
    return out + decoder.decode();
  }

  private compressed(entry: ZipPart): Uint8Array {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    if (entry.offset + 30 > this.bytes.length || view.getUint32(entry.offset, true) !== 0x04034b50)
      throw corrupt(entry.name, 'its local header is missing');
    // The local header's name and extra lengths can differ from the central directory's.
    const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
    if (start + entry.compressedSize > this.bytes.length) throw corrupt(entry.name, 'it runs past the end of the file');
    return this.bytes.subarray(start, start + entry.compressedSize);
  }
}
