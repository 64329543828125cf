import { corrupt } from './errors.js';

/**
 * Decoded text of a part, delivered as a sliding window: each step appends one
 * inflated chunk to what the scanner left unconsumed. A scanner consumes whole
 * elements and sets `pos`; an element split across chunks waits for the next.
 * Memory is one chunk plus one unfinished element.
 */
export interface TextWindow {
  text: string;
  pos: number;
  /** The last window: nothing more will come. */
  done: boolean;
}

/** An unfinished element longer than this is damage, not data (a cell holds at most 32,767 characters). */
const MAX_CARRY = 64 * 1024 * 1024;

export async function* textWindows(chunks: AsyncIterable<Uint8Array>, part: string): AsyncGenerator<TextWindow> {
  const decoder = new TextDecoder(); // UTF-8, BOM dropped, characters split across chunks joined
  const w: TextWindow = { text: '', pos: 0, done: false };
  for await (const chunk of chunks) {
    w.text = w.text.slice(w.pos) + decoder.decode(chunk, { stream: true });
    w.pos = 0;
    yield w;
    if (w.text.length - w.pos > MAX_CARRY) throw corrupt(part, 'an element never ends');
  }
  w.text = w.text.slice(w.pos) + decoder.decode();
  w.pos = 0;
  w.done = true;
  yield w;
}

/**
 * The raw bytes of a part as a sliding window, like textWindows but without
 * decoding: the sheet scanner works on bytes and decodes only the text it keeps
 * (string cells), which is most of what makes it fast (bench/README.md).
 */
export interface ByteWindow {
  buf: Buffer;
  pos: number;
  done: boolean;
}

export async function* byteWindows(chunks: AsyncIterable<Uint8Array>, part: string): AsyncGenerator<ByteWindow> {
  const w: ByteWindow = { buf: Buffer.alloc(0), pos: 0, done: false };
  for await (const chunk of chunks) {
    const next = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    w.buf = w.pos >= w.buf.length ? next : Buffer.concat([w.buf.subarray(w.pos), next]);
    w.pos = 0;
    yield w;
    if (w.buf.length - w.pos > MAX_CARRY) throw corrupt(part, 'an element never ends');
  }
  w.buf = w.buf.subarray(w.pos);
  w.pos = 0;
  w.done = true;
  yield w;
}
