import type { IngestProblem } from '../model/ingest-problem.ts';
import { parseInstant } from './parse-instant.ts';

/**
 * Reads fields of one input row and collects a problem for each one that is not what the format
 * promises. Each reader returns a safe fallback when it records a problem, so an adapter reads every
 * field and then returns `check.problems` if there are any: the user sees all faults of a row at once.
 */
export interface RowChecker {
  readonly problems: IngestProblem[];
  /** A non-negative integer count; `undefined`/`null` read as 0 unless `required`. */
  count(value: unknown, field: string, required?: boolean): number;
  /** A non-empty string, or null when absent; a non-string is a problem. */
  optionalString(value: unknown, field: string): string | null;
  /** A non-empty string that must be present. */
  requiredString(value: unknown, field: string): string;
  /** An instant (see parseInstant) that must be present. */
  instant(value: unknown, field: string): number;
  /** Records a problem of the adapter's own making. */
  fail(field: string | null, message: string): void;
}

export function createRowChecker(file: string, line: number): RowChecker {
  const problems: IngestProblem[] = [];
  const fail = (field: string | null, message: string): void => {
    problems.push({ file, line, field, message });
  };
  return {
    problems,
    fail,
    count(value, field, required = false) {
      if (value === undefined || value === null) {
        if (required) fail(field, 'expected a non-negative integer, got nothing');
        return 0;
      }
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
      if (typeof value === 'string' && /^\d+$/.test(value) && Number.isSafeInteger(Number(value)))
        return Number(value);
      fail(field, `expected a non-negative integer, got ${describe(value)}`);
      return 0;
    },
    optionalString(value, field) {
      if (value === undefined || value === null || value === '') return null;
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      fail(field, `expected a string, got ${describe(value)}`);
      return null;
    },
    requiredString(value, field) {
      if (typeof value === 'string' && value !== '') return value;
      fail(field, `expected a non-empty string, got ${describe(value)}`);
      return '';
    },
    instant(value, field) {
      const ms = parseInstant(value);
      if (ms === null) {
        fail(field, `expected an ISO 8601 timestamp or Unix seconds, got ${describe(value)}`);
        return 0;
      }
      return ms;
    },
  };
}

/** A short, quoted rendering of a bad value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
