import type { IngestProblem } from '../model/ingest-problem.ts';
import { isJsonObject, type JsonObject } from './parse-json-object.ts';
import { describe } from './row-checker.ts';

/** One object read from a JSON file, with the line it starts on, or the problem that rejects it. */
export type JsonItem =
  | { readonly ok: true; readonly value: JsonObject; readonly line: number }
  | { readonly ok: false; readonly problem: IngestProblem };

/** Reads the objects of a JSON file fed line by line; see createJsonDocumentReader. */
export interface JsonDocumentReader {
  read(text: string, lineNumber: number): readonly JsonItem[];
  finish(): readonly JsonItem[];
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NO_ITEMS: readonly JsonItem[] = [];

/**
 * The objects of a JSON file in any of the shapes API exports take, read in constant memory:
 *
 * - JSONL: one value per line (`{…}`, or a one-line `[…]` / `{"data":[…]}` page);
 * - a JSON document spread over lines (`curl … | jq .`): a top-level array, an API page
 *   `{"data":[…], "meta":…}` whose `data` elements are read one at a time, or pretty-printed objects
 *   one after another.
 *
 * Every value found is unwrapped the same way: an array gives its elements, an object whose `data` is an
 * array gives those elements (the envelope's other keys are paging), any other object is itself.
 * The first non-blank line decides: a complete JSON value, or one that does not end an object or
 * array opening (a cut-off JSONL line), means JSONL, where each line stands alone; otherwise the
 * file is a document, scanned by bracket depth so each element is parsed once it closes.
 */
export function createJsonDocumentReader(file: string): JsonDocumentReader {
  let mode: 'undecided' | 'lines' | 'document' = 'undecided';
  const scanner = createDocumentScanner(file);

  const readLine = (text: string, lineNumber: number): readonly JsonItem[] => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return [
        problemAt(file, lineNumber, `expected a JSON object, got invalid JSON ${describe(text.trim())}`),
      ];
    }
    return unwrap(value, file, lineNumber);
  };

  return {
    read(text, lineNumber) {
      if (mode === 'document') return scanner.read(text, lineNumber);
      if (text.trim() === '') return NO_ITEMS;
      if (mode === 'lines') return readLine(text, lineNumber);
      const trimmed = text.trim();
      mode = isCompleteJson(trimmed) || !opensJsonDocument(trimmed) ? 'lines' : 'document';
      return mode === 'lines' ? readLine(text, lineNumber) : scanner.read(text, lineNumber);
    },
    finish() {
      return mode === 'document' ? scanner.finish() : NO_ITEMS;
    },
  };
}

function isCompleteJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a (trimmed) first line opens a JSON document spread over lines: it starts an object or
 * array and ends inside one (`{`, `[`, `{"data": [`, `[{…},`). A complete JSONL line does not.
 */
export function opensJsonDocument(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  const first = text.charCodeAt(0);
  return (
    (first === OPEN_BRACE || first === OPEN_BRACKET) &&
    (last === OPEN_BRACE || last === OPEN_BRACKET || last === COMMA)
  );
}

/** The objects one top-level JSON value stands for (see createJsonDocumentReader). */
function unwrap(value: unknown, file: string, line: number): readonly JsonItem[] {
  if (Array.isArray(value)) return value.map((element) => objectItem(element, file, line));
  if (isJsonObject(value) && Array.isArray(value.data)) return unwrap(value.data, file, line);
  return [objectItem(value, file, line)];
}

function objectItem(value: unknown, file: string, line: number): JsonItem {
  return isJsonObject(value)
    ? { ok: true, value, line }
    : problemAt(file, line, `expected a JSON object, got ${describe(value)}`);
}

function problemAt(file: string, line: number, message: string): JsonItem {
  return { ok: false, problem: { file, line, field: null, message } };
}

/**
 * Scans a multi-line JSON document character by character, tracking string state and bracket depth,
 * and parses each element of the record array as soon as it closes. Only that element's text is held.
 */
function createDocumentScanner(file: string): JsonDocumentReader {
  let depth = 0;
  let isInString = false;
  let isEscaped = false;
  /** What the top-level value is: an array of records, an object (maybe a `data` envelope), or none yet. */
  let rootKind: 'array' | 'object' | null = null;
  /** Depth at which record elements sit: 1 in a top-level array, 2 in an envelope's `data` array. */
  let elementDepth = 1;
  /** Whether the scan is inside the array whose elements are the records. */
  let isInRecordArray = false;
  /** The last string closed at depth 1 of a top-level object: the key a `[` after it belongs to. */
  let lastRootString = '';
  let stringStart = 0;
  /** Text of the value being captured (an element, or the whole top-level object). */
  let pieces: string[] = [];
  let captureStartLine = 0;
  let captureDepth = -1;
  let rootStartLine = 0;

  const closeCapture = (text: string, end: number): JsonItem[] => {
    pieces.push(text.slice(0, end));
    const captured = pieces.join('\n');
    pieces = [];
    captureDepth = -1;
    let value: unknown;
    try {
      value = JSON.parse(captured);
    } catch {
      return [
        problemAt(
          file,
          captureStartLine,
          `expected a JSON object, got invalid JSON ${describe(captured.trim())}`,
        ),
      ];
    }
    return [objectItem(value, file, captureStartLine)];
  };

  return {
    read(text, lineNumber) {
      const items: JsonItem[] = [];
      // Where this line's part of the captured value starts (0 when it began on an earlier line).
      let captureFrom = 0;
      const startCapture = (index: number, atDepth: number): void => {
        captureStartLine = lineNumber;
        captureDepth = atDepth;
        captureFrom = index;
        pieces = [];
      };
      for (let index = 0; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        if (isInString) {
          if (isEscaped) isEscaped = false;
          else if (code === BACKSLASH) isEscaped = true;
          else if (code === QUOTE) {
            isInString = false;
            if (depth === 1 && rootKind === 'object') lastRootString = text.slice(stringStart, index);
          }
          continue;
        }
        if (code === QUOTE) {
          stringStart = index + 1;
          if (captureDepth === -1 && depth === elementDepth && isInRecordArray) startCapture(index, depth);
          // Jump to the closing quote: most bytes of a log are inside strings.
          const end = closingQuote(text, index + 1);
          if (end === -1) {
            isInString = true;
            break;
          }
          if (depth === 1 && rootKind === 'object') lastRootString = text.slice(stringStart, end);
          index = end;
          continue;
        }
        if (code === OPEN_BRACE || code === OPEN_BRACKET) {
          if (depth === 0) {
            rootKind = code === OPEN_BRACKET ? 'array' : 'object';
            rootStartLine = lineNumber;
            elementDepth = 1;
            isInRecordArray = rootKind === 'array';
            lastRootString = '';
            if (rootKind === 'object') startCapture(index, 0);
          } else if (
            depth === 1 &&
            rootKind === 'object' &&
            code === OPEN_BRACKET &&
            lastRootString === 'data'
          ) {
            // An API page: read the `data` elements one by one and drop the envelope.
            isInRecordArray = true;
            elementDepth = 2;
            captureDepth = -1;
            pieces = [];
          } else if (captureDepth === -1 && depth === elementDepth && isInRecordArray) {
            startCapture(index, depth);
          }
          depth += 1;
          continue;
        }
        if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
          depth -= 1;
          if (depth < 0) {
            items.push(
              problemAt(
                file,
                lineNumber,
                `unexpected ${String.fromCharCode(code)}: no JSON object or array is open`,
              ),
            );
            depth = 0;
            continue;
          }
          if (depth === captureDepth) {
            items.push(...closeCapture(text.slice(captureFrom), index + 1 - captureFrom));
            captureFrom = index + 1;
          } else if (captureDepth !== -1 && depth < captureDepth) {
            // A primitive element ended by the array's closing bracket.
            items.push(...closeCapture(text.slice(captureFrom), index - captureFrom));
          }
          if (depth < elementDepth) isInRecordArray = false;
          if (depth === 0) rootKind = null;
          continue;
        }
        if (code === COMMA && captureDepth !== -1 && depth === captureDepth) {
          items.push(...closeCapture(text.slice(captureFrom), index - captureFrom));
          continue;
        }
        if (code <= 32) continue;
        if (depth === 0) {
          items.push(
            problemAt(
              file,
              lineNumber,
              `expected a JSON object or array, got ${describe(text.slice(index).trim())}`,
            ),
          );
          break;
        }
        if (captureDepth === -1 && depth === elementDepth && isInRecordArray && code !== COMMA)
          startCapture(index, depth);
      }
      if (captureDepth !== -1) pieces.push(text.slice(captureFrom));
      return items;
    },
    finish() {
      if (depth === 0 && !isInString) return NO_ITEMS;
      const line = captureDepth === -1 ? rootStartLine : captureStartLine;
      return [problemAt(file, line, 'JSON value never closed before the end of the file (truncated?)')];
    },
  };
}

/** Index of the quote that ends a string starting at `from`, or -1 if it does not end on this line. */
function closingQuote(text: string, from: number): number {
  let end = text.indexOf('"', from);
  while (end !== -1 && isEscapedAt(text, end)) end = text.indexOf('"', end + 1);
  return end;
}

/** Whether the character at `index` follows an odd number of backslashes. */
function isEscapedAt(text: string, index: number): boolean {
  let backslashes = 0;
  for (let at = index - 1; at >= 0 && text.charCodeAt(at) === BACKSLASH; at -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}
