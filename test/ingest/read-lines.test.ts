import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readLineBatches, type LineBatch } from '../../src/ingest/read-lines.ts';

const directory = mkdtempSync(join(tmpdir(), 'llmcost-read-lines-'));

function fileWith(name: string, content: string | Buffer): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

async function collect(
  path: string,
  options: Parameters<typeof readLineBatches>[1] = {},
): Promise<LineBatch[]> {
  const batches: LineBatch[] = [];
  for await (const batch of readLineBatches(path, options)) batches.push(batch);
  return batches;
}

describe('readLineBatches', () => {
  it('splits lines, drops a BOM and \\r, and reports the offset after the last newline', async () => {
    const batches = await collect(fileWith('a.jsonl', '\uFEFFone\r\ntwo\nthree\n'));
    expect(batches.flatMap((batch) => batch.lines)).toEqual(['one', 'two', 'three']);
    expect(batches.at(-1)?.endOffset).toBe(Buffer.byteLength('\uFEFFone\r\ntwo\nthree\n'));
  });

  it('yields an unterminated last line separately, without counting its bytes', async () => {
    const batches = await collect(fileWith('b.jsonl', 'one\n{"partial":'));
    expect(
      batches.map((batch) => [batch.lines, batch.hasUnterminatedTail, batch.endOffset, batch.lineNumbers]),
    ).toEqual([
      [['one'], false, 4, [1]],
      [['{"partial":'], true, 4, [2]],
    ]);
  });

  it('resumes at an offset with continued line numbers', async () => {
    const batches = await collect(fileWith('c.jsonl', 'one\ntwo\nthree\n'), {
      startOffset: 4,
      startLineNumber: 2,
    });
    expect(batches.map((batch) => [batch.lines, batch.lineNumbers])).toEqual([
      [
        ['two', 'three'],
        [2, 3],
      ],
    ]);
  });

  it('skips lines without the required text that end with }, keeping line numbers and the last line', async () => {
    const text = '{"a":1}\n{"usage":2}\n{"b":3}\n{"cut":\n{"c":4}';
    const batches = await collect(fileWith('s.jsonl', text), { skip: { requiredText: 'usage"' } });
    expect(batches.flatMap((batch) => batch.lines)).toEqual(['{"usage":2}', '{"cut":', '{"c":4}']);
    expect(batches.flatMap((batch) => batch.lineNumbers)).toEqual([2, 4, 5]);
    expect(batches.at(-1)?.lastLineNumber).toBe(5);
  });

  it('reads gzip files', async () => {
    const batches = await collect(fileWith('d.jsonl.gz', gzipSync('x\ny\n')), { isGzip: true });
    expect(batches.flatMap((batch) => batch.lines)).toEqual(['x', 'y']);
  });

  it('keeps multi-byte characters whole across chunk boundaries', async () => {
    const line = 'é'.repeat(700_000);
    const batches = await collect(fileWith('e.jsonl', `${line}\n${line}\n`));
    expect(batches.flatMap((batch) => batch.lines)).toEqual([line, line]);
  });
});
