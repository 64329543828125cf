import { reason } from '../../diagnostics/reasons.js';
import { allocBytes } from './bytes.js';
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
    if (w.text.length - w.pos > MAX_CARRY) throw corrupt(part, reason('xml-unterminated'));
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
 * The data is buf[0, end); after it come WINDOW_PADDING zero bytes, so the
 * scanner's few-bytes lookahead at a cut element reads zeros instead of past
 * the buffer (an out-of-bounds read would deoptimise V8's compiled scanner).
 */
export interface ByteWindow {
  /** A Buffer in Node (bytes.ts), a Uint8Array in the browser. */
  buf: Uint8Array;
  pos: number;
  end: number;
  done: boolean;
}

export const WINDOW_PADDING = 16;

/** rest + next, followed by WINDOW_PADDING zero bytes. */
function padded(rest: Uint8Array, next: Uint8Array): Uint8Array {
  const buf = allocBytes(rest.length + next.length + WINDOW_PADDING);
  buf.set(rest, 0);
  buf.set(next, rest.length);
  buf.fill(0, rest.length + next.length);
  return buf;
}

export async function* byteWindows(chunks: AsyncIterable<Uint8Array>, part: string): AsyncGenerator<ByteWindow> {
  const w: ByteWindow = { buf: allocBytes(WINDOW_PADDING).fill(0), pos: 0, end: 0, done: false };
  for await (const chunk of chunks) {
    w.buf = padded(w.buf.subarray(w.pos, w.end), chunk);
    w.end = w.buf.length - WINDOW_PADDING;
    w.pos = 0;
    yield w;
    if (w.end - w.pos > MAX_CARRY) throw corrupt(part, reason('xml-unterminated'));
  }
  w.buf = padded(w.buf.subarray(w.pos, w.end), new Uint8Array(0));
  w.end = w.buf.length - WINDOW_PADDING;
  w.pos = 0;
  w.done = true;
  yield w;
}
