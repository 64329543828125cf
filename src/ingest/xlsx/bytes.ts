/**
 * The few byte operations the reader needs, the same in Node and the browser.
 * In Node the windows are Buffers and their native slices are used (decoding
 * string cells is a measurable share of a scan); in the browser, where there is
 * no Buffer, TextDecoder does the same work. Which one is chosen once, here.
 */
type Slicer = (b: Uint8Array, from: number, to: number) => string;

interface NodeBufferLike {
  allocUnsafe(size: number): Uint8Array;
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): { indexOf(value: Uint8Array, from: number): number };
  prototype: { toString: (this: Uint8Array, encoding: string, from: number, to: number) => string };
}
const NodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
const decoder = new TextDecoder();

/** A byte array for a window: a Buffer in Node, so utf8/latin1 below can use its native slices. */
export const allocBytes: (size: number) => Uint8Array = NodeBuffer ? (size) => NodeBuffer.allocUnsafe(size) : (size) => new Uint8Array(size);

/** b[from, to) decoded as UTF-8 (b must come from allocBytes or be a Buffer in Node). */
export const utf8: Slicer = NodeBuffer
  ? (b, from, to) => NodeBuffer.prototype.toString.call(b, 'utf8', from, to)
  : (b, from, to) => decoder.decode(b.subarray(from, to));

/** b[from, to) as one character per byte: start tags, whose names and the attributes read are ASCII. */
export const latin1: Slicer = NodeBuffer
  ? (b, from, to) => NodeBuffer.prototype.toString.call(b, 'latin1', from, to)
  : (b, from, to) => {
      let s = '';
      for (let i = from; i < to; i += 4096) s += String.fromCharCode(...b.subarray(i, Math.min(to, i + 4096)));
      return s;
    };

/**
 * Index of the byte sequence `seq` in b from `from`, or -1: Node's native
 * Buffer search (memchr-fast; the merges pre-pass runs it over whole sheets,
 * a zip bomb's gigabyte included), or a plain loop in the browser.
 */
export const indexOfBytes: (b: Uint8Array, seq: Uint8Array, from: number) => number = NodeBuffer
  ? (b, seq, from) => NodeBuffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(seq, from)
  : (b, seq, from) => {
      const m = seq.length;
      for (let i = b.indexOf(seq[0], from); i >= 0 && i + m <= b.length; i = b.indexOf(seq[0], i + 1)) {
        let k = 1;
        while (k < m && b[i + k] === seq[k]) k++;
        if (k === m) return i;
      }
      return -1;
    };

/** The ASCII bytes of a string. */
export const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
