import { createWriteStream, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import type { Context } from './context.ts';
import { InputError, UsageError } from './errors.ts';
import type { OutputFormat, Settings } from './settings.ts';

/** Writes a command's result to `--out` (and says where on stderr) or to stdout. */
export function writeOutput(ctx: Context, settings: Settings, content: string | Uint8Array): void {
  if (settings.outPath === null) {
    if (typeof content !== 'string') refuseBinaryOnTerminal(ctx, settings);
    ctx.stdout.write(content);
    return;
  }
  writeFileSync(settings.outPath, content);
  if (!settings.isQuiet) ctx.stderr.write(`llmcost: wrote ${settings.outPath}\n`);
}

/** A command's text renderers, one per format it prints; only the chosen one runs. */
export type FormatRenderers<Format extends OutputFormat> = { readonly [F in Format]: () => string };

/**
 * Renders a result in `format` and writes it (writeOutput): the one place a command's format picks
 * its renderer. `renderers` must name every format `format` may be (requireFormat narrows it), so a
 * format cannot be forgotten, and no other.
 */
export function writeInFormat<Format extends OutputFormat>(
  ctx: Context,
  settings: Settings,
  format: Format,
  renderers: FormatRenderers<Format>,
): void {
  writeOutput(ctx, settings, renderers[format]());
}

/**
 * Hands `write` a stream to `--out` or to stdout, for binary output produced as it is written (XLSX),
 * and resolves once every byte is out. Binary is refused on a terminal; a pipe or redirect is fine.
 * `write` must end the stream (exceljs's writer does).
 */
export async function streamBinaryOutput(
  ctx: Context,
  settings: Settings,
  write: (stream: Writable) => Promise<void>,
): Promise<void> {
  refuseBinaryOnTerminal(ctx, settings);
  await streamOutput(ctx, settings, write);
}

/**
 * Hands `write` a stream to `--out` or to stdout, for output produced as it is written (a streamed
 * CSV or XLSX export), and resolves once every byte is out. `write` must end the stream. If `write`
 * fails, the `--out` file it had begun is removed rather than left half written.
 */
export async function streamOutput(
  ctx: Context,
  settings: Settings,
  write: (stream: Writable) => Promise<void>,
): Promise<void> {
  if (settings.outPath === null) {
    const pipe = new PassThrough();
    pipe.pipe(ctx.stdout, { end: false });
    const drained = once(pipe, 'end');
    await write(pipe);
    await drained;
    return;
  }
  const path = settings.outPath;
  const file = createWriteStream(path);
  const failed = once(file, 'error').then(([error]: unknown[]) => {
    throw new InputError(`${path}: cannot write: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  });
  try {
    await Promise.race([write(file), failed]);
  } catch (error) {
    // The file is opened asynchronously: remove it once closed, or a late open would re-create it.
    file.destroy();
    if (!file.closed) await once(file, 'close');
    rmSync(path, { force: true });
    throw error;
  }
  if (!settings.isQuiet) ctx.stderr.write(`llmcost: wrote ${path}\n`);
}

/** Writes `chunks` to `stream` as its consumer takes them (waiting on `drain`), then ends it. */
export async function writeChunks(chunks: Iterable<string>, stream: Writable): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

function refuseBinaryOnTerminal(ctx: Context, settings: Settings): void {
  if (ctx.display.isTTY) {
    throw new UsageError(
      `--format ${settings.format} is binary and stdout is a terminal: pass --out <file>.${settings.format} or redirect stdout to a file`,
    );
  }
}
