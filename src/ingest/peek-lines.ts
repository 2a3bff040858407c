import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DOCUMENT_SNIFF_LINES } from './adapter.ts';

const PEEK_BYTES = 64 * 1024;
/** The most any sniffer asks for (`Adapter.sniffLines`); the 64 KB limit bounds them anyway. */
const PEEK_LINES = DOCUMENT_SNIFF_LINES;

/** The first non-empty lines of a file (decompressed if .gz), for format sniffing. */
export async function peekFileLines(path: string): Promise<string[]> {
  const raw = createReadStream(path, { end: path.endsWith('.gz') ? undefined : PEEK_BYTES - 1 });
  const stream = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= PEEK_BYTES) break;
    }
  } finally {
    raw.destroy();
  }
  return firstNonEmptyLines(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Reads the start of a stream (stdin) for sniffing and returns a replacement stream that replays
 * those bytes followed by the rest, so nothing is lost.
 */
export async function peekStreamLines(
  input: NodeJS.ReadableStream,
): Promise<{ lines: string[]; stream: NodeJS.ReadableStream }> {
  const iterator = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let length = 0;
  let isDone = false;
  while (length < PEEK_BYTES) {
    const next = await iterator.next();
    if (next.done === true) {
      isDone = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    length += chunk.length;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* head;
    if (isDone) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  return { lines: firstNonEmptyLines(Buffer.concat(head).toString('utf8')), stream: Readable.from(replay()) };
}

function firstNonEmptyLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  // The last piece may be cut mid-line by the peek limit; keep it only if it is the whole text.
  const complete = lines.length > 1 ? lines.slice(0, -1) : lines;
  const nonEmpty = complete.map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');
  return nonEmpty.slice(0, PEEK_LINES);
}
