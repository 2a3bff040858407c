/**
 * Reads the few fields the Claude Code adapter needs from one log line without building the whole
 * line as objects. Most of a line's bytes are message content that we throw away, and JSON.parse
 * would allocate a string for every piece of it.
 *
 * How: a structural walk of the top-level object. Strings are jumped over with `indexOf('"')`; a
 * quote ends a string exactly when an even number of backslashes precede it, so the walk never
 * mistakes string content (where a quote is always written `\"`) for structure. Only two levels are
 * read: the top-level keys and the keys of the top-level `message` object. Every other value
 * (`message.content`, `toolUseResult` — which may hold its own `usage` —, snapshots) is skipped as
 * a balanced span. Kept values are sliced when they are plain strings, else decoded by JSON.parse on
 * their own span, so they are exactly what JSON.parse of the whole line would give.
 *
 * Guarantee: on a valid JSON line the result equals `readClaudeCodeFields(JSON.parse(line))`
 * (duplicate keys included: the last one wins). The walk checks the structure (brackets matched,
 * strings closed, keys, colons and commas in place, nothing after the object) and returns null on
 * anything it does not expect, so the caller falls back to JSON.parse and reports the error. What it
 * does not check is the inside of skipped values (escape sequences, number syntax, raw control
 * characters), so a line that is well-formed except for, say, a bad escape deep in the content is
 * read rather than rejected. Claude Code damages lines only by truncation, which the walk detects.
 *
 * Speed, measured on Node 20 (one core): about as fast as JSON.parse on one-byte lines and up to
 * 1.4× faster, with far less garbage; jumping with indexOf beats a char-by-char loop (3×) and a
 * sticky regex (1.5×). The big saving is upstream: lines without usage are never walked.
 */

/** The fields of one Claude Code log line the adapter reads; `undefined` when the key is absent. */
export interface ClaudeCodeFields {
  readonly type: unknown;
  readonly timestamp: unknown;
  readonly requestId: unknown;
  readonly sessionId: unknown;
  readonly cwd: unknown;
  readonly isSidechain: unknown;
  readonly isApiErrorMessage: unknown;
  /** `message.model`, `message.id`, `message.usage`: undefined unless `message` is an object. */
  readonly model: unknown;
  readonly messageId: unknown;
  readonly usage: unknown;
}

/** The slow path, and the reference the fast path must agree with: the same fields from a parsed line. */
export function readClaudeCodeFields(line: unknown): ClaudeCodeFields | null {
  if (!isPlainObject(line)) return null;
  const message = isPlainObject(line.message) ? line.message : undefined;
  return {
    type: line.type,
    timestamp: line.timestamp,
    requestId: line.requestId,
    sessionId: line.sessionId,
    cwd: line.cwd,
    isSidechain: line.isSidechain,
    isApiErrorMessage: line.isApiErrorMessage,
    model: message?.model,
    messageId: message?.id,
    usage: message?.usage,
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * The fast path: the fields of a line that holds one JSON object, or null when the walk cannot vouch
 * for the line (not an object, malformed, truncated). Null means "use JSON.parse", never "no usage".
 */
export function scanClaudeCodeLine(text: string): ClaudeCodeFields | null {
  const fields: MutableFields = {
    type: undefined,
    timestamp: undefined,
    requestId: undefined,
    sessionId: undefined,
    cwd: undefined,
    isSidechain: undefined,
    isApiErrorMessage: undefined,
    model: undefined,
    messageId: undefined,
    usage: undefined,
  };
  const open = skipWhitespace(text, 0);
  if (text.charCodeAt(open) !== OPEN_BRACE) return null;
  nextBackslash = -1;
  const end = walkObject(text, open, true, fields);
  if (end < 0 || skipWhitespace(text, end) !== text.length) return null;
  return fields;
}

type MutableFields = { -readonly [K in keyof ClaudeCodeFields]: ClaudeCodeFields[K] };

type FieldName = keyof ClaudeCodeFields;

/** The keys read at each level, as written in the log, and the field each one fills. */
interface WantedKeys {
  readonly names: readonly string[];
  readonly fields: readonly (FieldName | 'message')[];
}
// Top-level keys fill the fields of the same name.
const TOP_LEVEL_NAMES = [
  'type',
  'timestamp',
  'requestId',
  'sessionId',
  'cwd',
  'isSidechain',
  'isApiErrorMessage',
  'message',
] as const satisfies readonly (FieldName | 'message')[];
const TOP_LEVEL_KEYS: WantedKeys = { names: TOP_LEVEL_NAMES, fields: TOP_LEVEL_NAMES };
const MESSAGE_KEYS: WantedKeys = { names: ['model', 'id', 'usage'], fields: ['model', 'messageId', 'usage'] };

/**
 * Index of a backslash at or after the last key looked at (the line's length when there is none), so
 * that most keys are known to hold no escape without looking at their characters. Reset per line.
 */
let nextBackslash = -1;

/**
 * Walks the object whose `{` is at `open` and stores the wanted members in `fields`: top-level keys
 * when `isTopLevel`, else the keys of `message`. Returns the index after the closing `}`, or -1.
 */
function walkObject(text: string, open: number, isTopLevel: boolean, fields: MutableFields): number {
  const wanted = isTopLevel ? TOP_LEVEL_KEYS : MESSAGE_KEYS;
  let position = skipWhitespace(text, open + 1);
  if (text.charCodeAt(position) === CLOSE_BRACE) return position + 1;
  for (;;) {
    if (text.charCodeAt(position) !== QUOTE) return -1;
    const keyEnd = endOfString(text, position);
    if (keyEnd < 0) return -1;
    const field = fieldOfKey(text, position, keyEnd, wanted);
    if (field === INVALID) return -1;
    position = skipWhitespace(text, keyEnd);
    if (text.charCodeAt(position) !== COLON) return -1;
    const valueStart = skipWhitespace(text, position + 1);
    let valueEnd: number;
    if (field === 'message') {
      // The last duplicate wins, as in JSON.parse: a later `message` replaces every field of an earlier one.
      fields.model = fields.messageId = fields.usage = undefined;
      valueEnd =
        text.charCodeAt(valueStart) === OPEN_BRACE
          ? walkObject(text, valueStart, false, fields)
          : endOfValue(text, valueStart);
      if (valueEnd < 0) return -1;
    } else {
      valueEnd = endOfValue(text, valueStart);
      if (valueEnd < 0) return -1;
      if (field !== null) {
        const value = decodeValue(text, valueStart, valueEnd);
        if (value === INVALID) return -1;
        fields[field] = value;
      }
    }
    position = skipWhitespace(text, valueEnd);
    const separator = text.charCodeAt(position);
    if (separator === CLOSE_BRACE) return position + 1;
    if (separator !== COMMA) return -1;
    position = skipWhitespace(text, position + 1);
  }
}

/**
 * The field the key string [open, end) fills, or null for a key we skip. Compared in place, without
 * slicing and hashing every key: most keys are skipped.
 */
function fieldOfKey(
  text: string,
  open: number,
  end: number,
  wanted: WantedKeys,
): FieldName | 'message' | null | typeof INVALID {
  const length = end - open - 2;
  const { names, fields } = wanted;
  for (let index = 0; index < names.length; index++) {
    const name = names[index] ?? '';
    if (name.length === length && text.startsWith(name, open + 1)) return fields[index] ?? null;
  }
  if (nextBackslash <= open) {
    nextBackslash = text.indexOf('\\', open + 1);
    if (nextBackslash < 0) nextBackslash = text.length;
  }
  if (nextBackslash >= end) return null;
  // A key written with escapes (`"\u0074ype"`) may still spell a wanted name.
  const key = parseJson(text.slice(open, end));
  if (typeof key !== 'string') return INVALID;
  const index = names.indexOf(key);
  return index < 0 ? null : (fields[index] ?? null);
}

/** Index after the value starting at `start`, or -1 when it is cut short or its brackets don't match. */
function endOfValue(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return endOfString(text, start);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) return endOfContainer(text, start);
  let position = start;
  for (; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isWhitespace(code)) break;
  }
  return position === start ? -1 : position;
}

/** Index after the quote that closes the string opened at `open`, or -1. */
function endOfString(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let backslash = quote - 1;
    while (text.charCodeAt(backslash) === BACKSLASH) backslash--;
    if ((quote - 1 - backslash) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Open brackets of the container being skipped; deeper nesting than this falls back to JSON.parse. */
const bracketStack = new Uint8Array(512);

function endOfContainer(text: string, open: number): number {
  let depth = 0;
  for (let position = open; position < text.length;) {
    const code = text.charCodeAt(position);
    if (code === QUOTE) {
      position = endOfString(text, position);
      if (position < 0) return -1;
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (depth === bracketStack.length) return -1;
      bracketStack[depth++] = code;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (depth === 0 || bracketStack[--depth] !== (code === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET))
        return -1;
      if (depth === 0) return position + 1;
    }
    position++;
  }
  return -1;
}

/** Marks a kept value that is not valid JSON: the line goes to JSON.parse, which reports it. */
const INVALID: unique symbol = Symbol('invalid JSON value');

/** The JSON value in [start, end), or INVALID. */
function decodeValue(text: string, start: number, end: number): unknown {
  if (text.charCodeAt(start) === QUOTE) {
    const raw = text.slice(start + 1, end - 1);
    if (!raw.includes('\\')) return raw;
  } else if (end - start === 4 && text.startsWith('true', start)) {
    return true;
  } else if (end - start === 5 && text.startsWith('false', start)) {
    return false;
  }
  return parseJson(text.slice(start, end));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not a failure to swallow: the caller re-reads the whole line with JSON.parse, which reports it.
    return INVALID;
  }
}

function skipWhitespace(text: string, from: number): number {
  let position = from;
  while (position < text.length && isWhitespace(text.charCodeAt(position))) position++;
  return position;
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
