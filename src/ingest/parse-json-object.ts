import type { IngestProblem } from '../model/ingest-problem.ts';
import { describe } from './row-checker.ts';

/** A JSON object as `JSON.parse` returns it: fields are read and validated one by one. */
export type JsonObject = Readonly<Record<string, unknown>>;

export type JsonObjectResult =
  { readonly ok: true; readonly value: JsonObject } | { readonly ok: false; readonly problem: IngestProblem };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses one JSONL line that must hold a JSON object, or says what it got instead:
 * `expected a JSON object, got invalid JSON "{\"id\":…"` or `…, got [1,2]`.
 */
export function parseJsonObject(text: string, file: string, line: number): JsonObjectResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The engine's own message differs between Node versions; the text itself says more to a user.
    return {
      ok: false,
      problem: {
        file,
        line,
        field: null,
        message: `expected a JSON object, got invalid JSON ${describe(text.trim())}`,
      },
    };
  }
  if (isJsonObject(value)) return { ok: true, value };
  return {
    ok: false,
    problem: { file, line, field: null, message: `expected a JSON object, got ${describe(value)}` },
  };
}
