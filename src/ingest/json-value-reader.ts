import type { IngestProblem } from '../model/ingest-problem.ts';
import { describe } from './row-checker.ts';

/** One top-level JSON object of a file, parsed, with where its nested objects start. */
export interface JsonValueFound {
  readonly value: unknown;
  /** 1-based line where the value starts. */
  readonly line: number;
  /**
   * The line where `object` (the value itself or any object nested in it) starts, so a problem in the
   * 40th bucket of a pretty-printed page points at that bucket, not at the page's first line.
   */
  lineOf(object: object): number;
}

export interface JsonValuesRead {
  readonly values: readonly JsonValueFound[];
  readonly problems: readonly IngestProblem[];
}

/**
 * Splits a file fed line by line into its top-level JSON objects, whatever the layout: one object per
 * line (JSONL), one object pretty-printed over many lines (an API response saved with curl), several
 * of those one after another, or a JSON array of them (each element comes out on its own, so a large
 * array is never held as one string). Each object is parsed once it closes.
 *
 * A JSON string cannot hold a raw newline, so brackets are counted line by line outside strings.
 * Recovery: while an object is open, a line starting with `{"` (the start of a JSONL line; pretty
 * printers indent nested objects) ends it as unterminated and starts the next, so one cut-off line of a
 * JSONL file does not swallow the rest.
 */
export interface JsonValueReader {
  push(text: string, lineNumber: number): JsonValuesRead;
  /** Problems for an object still open at the end of the input. */
  end(): readonly IngestProblem[];
}

interface OpenValue {
  readonly startLine: number;
  readonly parts: string[];
  /** Line of each `{` in order of appearance: the pre-order of the objects once parsed. */
  readonly objectLines: number[];
  depth: number;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

export function createJsonValueReader(file: string): JsonValueReader {
  let open: OpenValue | null = null;
  /** Inside the `[` … `]` that wraps a file of pages. */
  let isInOuterArray = false;

  const unterminated = (value: OpenValue, reason: string): IngestProblem => ({
    file,
    line: value.startLine,
    field: null,
    message: `expected the JSON object that starts here to end, got ${reason}`,
  });

  return {
    push(text, lineNumber) {
      const values: JsonValueFound[] = [];
      const problems: IngestProblem[] = [];
      if (open !== null && text.startsWith('{"')) {
        problems.push(unterminated(open, `a new one at line ${lineNumber}`));
        open = null;
      }
      let isInString = false;
      let segmentStart = 0;
      for (let index = 0; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        if (open === null) {
          if (code === OPEN_BRACE) {
            open = { startLine: lineNumber, parts: [], objectLines: [lineNumber], depth: 1 };
            segmentStart = index;
          } else if (code === OPEN_BRACKET && !isInOuterArray) {
            isInOuterArray = true;
          } else if ((code === COMMA || code === CLOSE_BRACKET) && isInOuterArray) {
            if (code === CLOSE_BRACKET) isInOuterArray = false;
          } else if (!isJsonWhitespace(code)) {
            problems.push({
              file,
              line: lineNumber,
              field: null,
              message: `expected a JSON object or an array of them, got ${describe(text.slice(index).trim())}`,
            });
            return { values, problems };
          }
          continue;
        }
        if (isInString) {
          if (code === BACKSLASH) index += 1;
          else if (code === QUOTE) isInString = false;
          continue;
        }
        if (code === QUOTE) {
          isInString = true;
        } else if (code === OPEN_BRACE) {
          open.depth += 1;
          open.objectLines.push(lineNumber);
        } else if (code === OPEN_BRACKET) {
          open.depth += 1;
        } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
          open.depth -= 1;
          if (open.depth === 0) {
            open.parts.push(text.slice(segmentStart, index + 1));
            const closed = parseValue(open, file, lineNumber);
            if (closed.ok) values.push(closed.found);
            else problems.push(closed.problem);
            open = null;
          }
        }
      }
      if (open !== null) open.parts.push(segmentStart === 0 ? text : text.slice(segmentStart));
      return { values, problems };
    },
    end() {
      const last = open;
      open = null;
      return last === null ? [] : [unterminated(last, 'the end of the file')];
    },
  };
}

function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a || code === 0xfeff;
}

type ParsedValue =
  | { readonly ok: true; readonly found: JsonValueFound }
  | { readonly ok: false; readonly problem: IngestProblem };

function parseValue(open: OpenValue, file: string, endLine: number): ParsedValue {
  const text = open.parts.join('\n');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The engine's message differs between Node versions and names no line; the span does.
    const span = endLine === open.startLine ? '' : ` (lines ${open.startLine}-${endLine})`;
    return {
      ok: false,
      problem: {
        file,
        line: open.startLine,
        field: null,
        message: `expected a JSON object, got invalid JSON${span} ${describe(text.trim())}`,
      },
    };
  }
  return { ok: true, found: { value, line: open.startLine, lineOf: mapObjectLines(value, open) } };
}

/**
 * Pairs each object of the parsed value, in pre-order, with the line of its `{`. JSON.parse keeps key
 * order (except integer-like keys, which no export uses as nested objects); a duplicate key drops an
 * object, which the count check catches: then every object maps to the value's first line.
 */
function mapObjectLines(value: unknown, open: OpenValue): (object: object) => number {
  let lines: WeakMap<object, number> | null = null;
  return (object) => {
    if (lines === null) {
      const mapped = new WeakMap<object, number>();
      const preorder: object[] = [];
      collectObjects(value, preorder);
      if (preorder.length === open.objectLines.length) {
        preorder.forEach((item, index) => mapped.set(item, open.objectLines[index] ?? open.startLine));
      }
      lines = mapped;
    }
    return lines.get(object) ?? open.startLine;
  };
}

function collectObjects(value: unknown, into: object[]): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectObjects(item, into);
    return;
  }
  into.push(value);
  for (const item of Object.values(value)) collectObjects(item, into);
}
