import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/cli/context.ts';
import { InputError, UsageError } from '../../src/cli/errors.ts';
import type { Settings } from '../../src/cli/settings.ts';
import {
  streamBinaryOutput,
  streamOutput,
  writeChunks,
  writeInFormat,
  writeOutput,
} from '../../src/cli/write-output.ts';

function fakeContext(isTTY: boolean): { ctx: Context; written: () => Buffer } {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ctx = {
    stdout,
    stderr: new PassThrough(),
    display: { color: false, width: 100, isTTY },
  } as unknown as Context;
  return { ctx, written: () => Buffer.concat(chunks) };
}

const settings = { format: 'xlsx', outPath: null, isQuiet: true } as unknown as Settings;
const writeBytes = async (stream: NodeJS.WritableStream) => {
  stream.end(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  await Promise.resolve();
};

describe('binary output to stdout', () => {
  it('is refused on a terminal, naming --out', async () => {
    const { ctx, written } = fakeContext(true);
    await expect(streamBinaryOutput(ctx, settings, writeBytes)).rejects.toThrow(
      new UsageError(
        '--format xlsx is binary and stdout is a terminal: pass --out <file>.xlsx or redirect stdout to a file',
      ),
    );
    expect(() => {
      writeOutput(ctx, settings, new Uint8Array([1]));
    }).toThrow(UsageError);
    expect(written()).toHaveLength(0);
  });

  it('is written whole to a pipe', async () => {
    const { ctx, written } = fakeContext(false);
    await streamBinaryOutput(ctx, settings, writeBytes);
    expect([...written()]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });
});

describe('streamed output to --out', () => {
  const fileSettings = (outPath: string) =>
    ({ format: 'csv', outPath, isQuiet: true }) as unknown as Settings;

  it('writes every chunk, waiting for the file to drain', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'llmcost-out-')), 'report.csv');
    const { ctx } = fakeContext(false);
    const chunks = Array.from(
      { length: 200 },
      (_, index) => `${String(index).padStart(4, '0')},${'x'.repeat(1_000)}\n`,
    );
    await streamOutput(ctx, fileSettings(path), (stream) => writeChunks(chunks, stream));
    expect(readFileSync(path, 'utf8')).toBe(chunks.join(''));
  });

  it('removes the file it began when the writer fails, and passes the failure on', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'llmcost-out-')), 'report.csv');
    const { ctx } = fakeContext(false);
    function* failing(): Generator<string> {
      yield 'period,cost_usd\n';
      throw new InputError('rates.csv: no EUR rate on or before 2026-10-01');
    }
    await expect(
      streamOutput(ctx, fileSettings(path), (stream) => writeChunks(failing(), stream)),
    ).rejects.toThrow('no EUR rate');
    expect(existsSync(path)).toBe(false);
  });
});

describe('writeInFormat', () => {
  it.each(['table', 'json', 'csv', 'md'] as const)('writes the %s renderer only, to stdout', (format) => {
    const { ctx, written } = fakeContext(false);
    const ran: string[] = [];
    const renderer = (name: string) => () => {
      ran.push(name);
      return `${name}\n`;
    };
    writeInFormat(ctx, { format, outPath: null, isQuiet: true } as unknown as Settings, format, {
      table: renderer('table'),
      json: renderer('json'),
      csv: renderer('csv'),
      md: renderer('md'),
    });
    expect(ran).toEqual([format]);
    expect(written().toString('utf8')).toBe(`${format}\n`);
  });
});
