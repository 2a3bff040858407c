import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Context } from './context.ts';
import { InputError } from './errors.ts';
import type { Settings } from './settings.ts';

/** Writes one chunk, waiting while the destination is full (so memory stays flat on large output). */
export type WriteText = (chunk: string) => Promise<void>;

/**
 * Text output produced piece by piece (a FOCUS export can be gigabytes): `produce` gets a `write` that
 * honours backpressure, to `--out` (then says where on stderr) or to stdout. Resolves once every byte
 * is handed over; a file that cannot be written is an InputError naming it.
 */
export async function streamTextOutput(
  ctx: Context,
  settings: Settings,
  produce: (write: WriteText) => Promise<void>,
): Promise<void> {
  const path = settings.outPath;
  const stream: Writable = path === null ? ctx.stdout : createWriteStream(path);
  let failure: unknown = null;
  const remember = (error: unknown): void => {
    failure ??= error;
  };
  stream.on('error', remember);
  const fail = (error: unknown): InputError =>
    new InputError(
      `${path ?? 'stdout'}: cannot write: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  try {
    await produce(async (chunk) => {
      if (failure !== null) throw fail(failure);
      if (!stream.write(chunk)) await once(stream, 'drain');
    });
    if (path !== null) {
      stream.end();
      await once(stream, 'finish');
    }
  } catch (error) {
    // A write that failed rejects with the stream's error, which `remember` saw first.
    throw failure !== null && !(error instanceof InputError) ? fail(failure) : error;
  } finally {
    stream.off('error', remember);
  }
  if (failure !== null) throw fail(failure);
  if (path !== null && !settings.isQuiet) ctx.stderr.write(`llmcost: wrote ${path}\n`);
}
