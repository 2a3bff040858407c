import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

const SAMPLE_BYTES = 16 * 1024;

/**
 * A cheap identity of a file's first `length` bytes: SHA-256 of the length, the first 16 KiB and the
 * 16 KiB ending at `length`. Used to tell a file that only grew (read just the new tail) from one that
 * was rewritten (read it all again), without hashing gigabytes of logs on every run.
 */
export function fingerprintFilePrefix(path: string, length: number): string {
  const hash = createHash('sha256').update(String(length));
  const descriptor = openSync(path, 'r');
  try {
    hash.update(readRange(descriptor, 0, Math.min(SAMPLE_BYTES, length)));
    const tailStart = Math.max(SAMPLE_BYTES, length - SAMPLE_BYTES);
    if (tailStart < length) hash.update(readRange(descriptor, tailStart, length - tailStart));
  } finally {
    closeSync(descriptor);
  }
  return hash.digest('hex');
}

function readRange(descriptor: number, start: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const read = readSync(descriptor, buffer, filled, length - filled, start + filled);
    if (read === 0) break;
    filled += read;
  }
  return buffer.subarray(0, filled);
}
