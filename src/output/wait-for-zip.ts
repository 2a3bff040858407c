import type ExcelJS from 'exceljs';

/** Sheet XML left waiting for the zip before committing more rows waits for it (bytes). */
const ZIP_BACKLOG_BYTES = 1 << 20;

/** The writable state of a stream, as Node's streams and the readable-stream package both keep it. */
interface ZipEntryStream {
  readonly _writableState: { readonly needDrain: boolean; readonly length: number };
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * Waits until the zip has taken most of the XML of the rows committed so far. exceljs's streaming
 * writer hands each sheet's XML to the zip without backpressure, and no row is compressed while a
 * loop keeps committing, so without this a 500k-row sheet sits in memory as XML (about 240 MiB in
 * test/bench/xlsx-export.mjs). Reads exceljs 4.4's internals: the sheet's `stream` and the zip entry
 * stream it `pipes` to. Should they change shape, it waits one turn of the event loop instead: the
 * file stays the same, only the bound on memory is lost.
 */
export async function waitForZip(sheet: ExcelJS.Worksheet): Promise<void> {
  const entry = zipEntryOf(sheet);
  if (entry === null) {
    await new Promise((resolve) => setImmediate(resolve));
    return;
  }
  const state = entry._writableState;
  if (state.needDrain && state.length > ZIP_BACKLOG_BYTES) {
    await new Promise<void>((resolve) => entry.once('drain', resolve));
  }
}

/**
 * Bytes of a sheet's XML committed but not yet taken by the zip, or null when exceljs's internals are
 * not where `waitForZip` looks for them (a test checks they are).
 */
export function zipBacklogBytes(sheet: ExcelJS.Worksheet): number | null {
  return zipEntryOf(sheet)?._writableState.length ?? null;
}

function zipEntryOf(sheet: ExcelJS.Worksheet): ZipEntryStream | null {
  const stream: unknown = (sheet as unknown as { readonly stream?: unknown }).stream;
  const pipes: unknown =
    typeof stream === 'object' && stream !== null && 'pipes' in stream ? stream.pipes : null;
  const entry: unknown = Array.isArray(pipes) ? pipes[0] : null;
  if (typeof entry !== 'object' || entry === null || !('_writableState' in entry) || !('once' in entry)) {
    return null;
  }
  const state: unknown = entry._writableState;
  const isState =
    typeof state === 'object' &&
    state !== null &&
    'needDrain' in state &&
    typeof state.needDrain === 'boolean' &&
    'length' in state &&
    typeof state.length === 'number';
  return isState && typeof entry.once === 'function' ? (entry as ZipEntryStream) : null;
}
