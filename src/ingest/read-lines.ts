import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/** A run of complete lines read from a file, with where the next read would start. */
export interface LineBatch {
  readonly lines: readonly string[];
  /** 1-based line number of `lines[0]`. */
  readonly firstLineNumber: number;
  /** Byte offset just past the last newline consumed (for resuming a grown file). */
  readonly endOffset: number;
  /**
   * True for the final batch when the file does not end with a newline: its last line may be a record
   * still being written (a live log), so its bytes are not counted in `endOffset`.
   */
  readonly hasUnterminatedTail: boolean;
}

export interface ReadLinesOptions {
  /** Start reading at this byte offset (a line boundary from an earlier ingest). Not for .gz. */
  readonly startOffset?: number;
  /** Line number of the first line read, when resuming. */
  readonly startLineNumber?: number;
  readonly isGzip?: boolean;
  /** Called with bytes read so far (compressed bytes for .gz), for progress. */
  readonly onBytes?: (bytesRead: number) => void;
}

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

/**
 * Streams a file (or stdin, given a stream) as batches of lines, in constant memory: one chunk and
 * the partial line carried between chunks. `\r\n` endings are accepted; a UTF-8 BOM is dropped.
 */
export async function* readLineBatches(
  input: string | NodeJS.ReadableStream,
  options: ReadLinesOptions = {},
): AsyncGenerator<LineBatch> {
  const startOffset = options.startOffset ?? 0;
  const raw: NodeJS.ReadableStream =
    typeof input === 'string'
      ? createReadStream(input, { start: startOffset, highWaterMark: CHUNK_BYTES })
      : input;
  let bytesRead = 0;
  if (options.onBytes) {
    const onBytes = options.onBytes;
    raw.on('data', (chunk: Buffer) => {
      bytesRead += chunk.length;
      onBytes(bytesRead);
    });
  }
  const stream = options.isGzip === true ? raw.pipe(createGunzip()) : raw;

  let carry: Buffer | null = null;
  let offset = startOffset;
  let lineNumber = options.startLineNumber ?? 1;
  let isFirstChunk = startOffset === 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let buffer: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    if (
      isFirstChunk &&
      buffer.length >= 3 &&
      buffer[0] === 0xef &&
      buffer[1] === 0xbb &&
      buffer[2] === 0xbf
    ) {
      buffer = buffer.subarray(3);
      offset += 3;
    }
    isFirstChunk = false;
    const lastNewline = buffer.lastIndexOf(NEWLINE);
    if (lastNewline === -1) {
      carry = buffer;
      continue;
    }
    const lines = splitLines(buffer.toString('utf8', 0, lastNewline));
    carry = lastNewline + 1 < buffer.length ? buffer.subarray(lastNewline + 1) : null;
    offset += lastNewline + 1;
    yield { lines, firstLineNumber: lineNumber, endOffset: offset, hasUnterminatedTail: false };
    lineNumber += lines.length;
  }
  if (carry !== null && carry.length > 0) {
    yield {
      lines: splitLines(carry.toString('utf8')),
      firstLineNumber: lineNumber,
      endOffset: offset,
      hasUnterminatedTail: true,
    };
  }
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (line.endsWith('\r')) lines[index] = line.slice(0, -1);
  }
  return lines;
}
