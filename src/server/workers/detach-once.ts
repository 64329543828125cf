/**
 * V8 compiles typed-array code on the assumption that no ArrayBuffer of the
 * isolate has ever been detached (its "array buffer detaching protector").
 * The first transfer by postMessage detaches one, and V8 then throws away every
 * optimised function that relied on that assumption (the zip and sheet
 * readers, coding, estimates, quality, the answers codec) and compiles them
 * again. In a scoring worker that happened at its first real upload, after the
 * warm-up had compiled them: with 20 concurrent uploads the recompiling took
 * about a second of CPU on V8's background threads during the burst
 * (bench/load.js, node --trace-deopt: "marking dependent code … code
 * dependencies" for some twenty functions at the first transfer).
 *
 * Detaching a one-byte buffer once, before any hot code runs, gives up the
 * assumption while nothing depends on it yet; what is compiled afterwards
 * already checks for detached buffers (a load per access, not measurable here)
 * and is never thrown away for it.
 */
export function detachOnce(): void {
  const buffer = new ArrayBuffer(1);
  structuredClone(buffer, { transfer: [buffer] });
}
