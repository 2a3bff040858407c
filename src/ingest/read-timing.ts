import { parseInstant } from './parse-instant.ts';
import { describe, type RowChecker } from './row-checker.ts';

/**
 * A request's timing as sources state it, validated the way token counts are: a value that is not a
 * duration from 0 to MAX_DURATION_MS is a row problem (`field "x": expected …, got …`), and a value the
 * source does not give is null, never 0.
 */

/** One hour: a longer request, or a first token later than this, is a clock or unit mistake. */
export const MAX_DURATION_MS = 3_600_000;

export interface RequestTiming {
  /** Request start to end, whole ms; null when unknown. */
  readonly latencyMs: number | null;
  /** Request start to first output token, whole ms; null when unknown. */
  readonly timeToFirstTokenMs: number | null;
}

export const NO_TIMING: RequestTiming = { latencyMs: null, timeToFirstTokenMs: null };

/**
 * A duration the source states as a number of `unitMs` milliseconds (1: ms, 1000: seconds), a number
 * or numeric text; rounded to whole ms. Absent, null or empty: null.
 */
export function readDuration(value: unknown, field: string, check: RowChecker, unitMs = 1): number | null {
  if (value === undefined || value === null || value === '') return null;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  const ms = Math.round(number * unitMs);
  if (!Number.isFinite(number) || ms < 0 || ms > MAX_DURATION_MS) {
    const unit = unitMs === 1000 ? 'seconds' : 'ms';
    const max = unitMs === 1000 ? MAX_DURATION_MS / 1000 : MAX_DURATION_MS;
    check.fail(field, `expected a duration from 0 to ${max} ${unit}, got ${describe(value)}`);
    return null;
  }
  return ms;
}

/**
 * The time from `startMs` to the instant `value` (ISO 8601 or Unix seconds, parseInstant), for end
 * and first-token timestamps. Absent, null or empty: null; before the start or more than an hour after
 * it: a problem on `field`.
 */
export function readElapsed(
  startMs: number | null,
  value: unknown,
  field: string,
  check: RowChecker,
): number | null {
  if (value === undefined || value === null || value === '' || startMs === null) return null;
  const atMs = parseInstant(value);
  if (atMs === null) {
    check.fail(field, `expected an ISO 8601 timestamp or Unix seconds, got ${describe(value)}`);
    return null;
  }
  const ms = atMs - startMs;
  if (ms < 0 || ms > MAX_DURATION_MS) {
    check.fail(
      field,
      `expected an instant from the start to 1 hour after it, got ${describe(value)} (${ms} ms after the start)`,
    );
    return null;
  }
  return ms;
}

/** Timing from start, end and first-token instants (LiteLLM, Langfuse). */
export function readTimingFromInstants(
  startMs: number | null,
  end: readonly [value: unknown, field: string],
  firstToken: readonly [value: unknown, field: string],
  check: RowChecker,
): RequestTiming {
  return {
    latencyMs: readElapsed(startMs, end[0], end[1], check),
    timeToFirstTokenMs: readElapsed(startMs, firstToken[0], firstToken[1], check),
  };
}
