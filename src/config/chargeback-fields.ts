import { suggestKey } from '../ingest/suggest-key.ts';
import { parseDecimalToPico } from '../model/money.ts';
import { suggestCostCenter } from './suggest-cost-center.ts';

/**
 * The field readers `chargeback` parsing shares (parse-chargeback.ts, parse-chargeback-adjustments.ts):
 * each reads one JSON value at a path and either returns it or pushes a problem naming the path and
 * what was expected.
 */

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function checkFields(
  record: JsonObject,
  known: readonly string[],
  path: string,
  problems: string[],
): void {
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    const suggestion = suggestKey(key, known);
    problems.push(
      suggestion === null
        ? `"${path}.${key}": unknown field (known: ${known.join(', ')})`
        : `"${path}.${key}": unknown field; did you mean "${suggestion}"?`,
    );
  }
}

/** An optional list: absent is empty; each entry parsed with its `[index]` path, nulls dropped. */
export function listOf<T>(
  value: unknown,
  path: string,
  problems: string[],
  parse: (entry: unknown, path: string) => T | null,
): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`"${path}": expected a list, got ${JSON.stringify(value)}`);
    return [];
  }
  return value.flatMap((entry: unknown, index) => {
    const parsed = parse(entry, `${path}[${index}]`);
    return parsed === null ? [] : [parsed];
  });
}

export function optionalText(value: unknown, path: string, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.push(`"${path}": expected a non-empty string, got ${JSON.stringify(value)}`);
  return undefined;
}

/** A declared cost center id, or a problem with a "did you mean". */
export function costCenterRef(
  value: unknown,
  path: string,
  ids: readonly string[],
  problems: string[],
): string | null {
  if (typeof value !== 'string' || value === '') {
    problems.push(`"${path}": expected a cost center id, got ${JSON.stringify(value)}`);
    return null;
  }
  if (ids.includes(value)) return value;
  const suggestion = suggestCostCenter(value, ids);
  problems.push(
    suggestion === null
      ? `"${path}": no cost center "${value}" in chargeback.costCenters (known: ${ids.join(', ')})`
      : `"${path}": no cost center "${value}" in chargeback.costCenters; did you mean "${suggestion}"?`,
  );
  return null;
}

/** `costCenters: ["CC-100", …]`; absent: every declared cost center. */
export function costCenterList(
  value: unknown,
  path: string,
  ids: readonly string[],
  problems: string[],
): string[] {
  if (value === undefined) return [...ids];
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`"${path}": expected a non-empty list of cost center ids, got ${JSON.stringify(value)}`);
    return [];
  }
  const listed = value.flatMap((item: unknown, index) => {
    const id = costCenterRef(item, `${path}[${index}]`, ids, problems);
    return id === null ? [] : [id];
  });
  if (new Set(listed).size !== listed.length) problems.push(`"${path}": lists a cost center twice`);
  return listed;
}

/** A JSON number or decimal string as exact pico-units, or null. */
export function decimalOf(value: unknown): bigint | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return parseDecimalToPico(Math.abs(value) < 1e-6 && value !== 0 ? value.toFixed(12) : String(value));
  }
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return parseDecimalToPico(value);
  return null;
}

/** An amount of dollars > 0: `1200`, `"99.95"`, `"$99.95"`. */
export function parseAmount(value: unknown, path: string, problems: string[]): bigint | null {
  const pico = decimalOf(typeof value === 'string' ? value.replace(/^\s*\$/, '') : value);
  if (pico === null || pico <= 0n) {
    problems.push(
      `"${path}": expected an amount of dollars > 0 such as 1200 or "99.95", got ${JSON.stringify(value)}`,
    );
    return null;
  }
  return pico;
}

export function required(entry: JsonObject, key: string, path: string, problems: string[]): boolean {
  if (entry[key] !== undefined) return true;
  problems.push(`"${path}.${key}": missing`);
  return false;
}
