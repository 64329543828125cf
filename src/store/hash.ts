import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Length of a submission id: a prefix of the SHA-256 of its bytes (96 bits). */
export const ID_LENGTH = 24;
