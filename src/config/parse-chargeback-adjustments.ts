import {
  ADJUSTMENT_KINDS,
  type Adjustment,
  type AdjustmentKind,
  type AdjustmentTerms,
  type Rate,
  type VolumeBand,
} from '../model/chargeback-config.ts';
import { parseDecimalToPico, picoToDecimalString } from '../model/money.ts';
import { suggestKey } from '../ingest/suggest-key.ts';
import {
  checkFields,
  costCenterList,
  isObject,
  optionalText,
  parseAmount,
  required,
  type JsonObject,
} from './chargeback-fields.ts';

/**
 * `chargeback.adjustments[i]`: `{ "kind": "markup" | "discount" | "tax", "percent": 19 }`,
 * `{ "kind": "tiered", "bands": [...] }`, `{ "kind": "credit", "amount": 50, "period"?: "2026-10" }`,
 * `{ "kind": "prepaid", "balance": 3000, "since": "2026-09" }`, each with optional `costCenters` and
 * `label`. Fields another kind takes are refused by name.
 */

const ADJUSTMENT_FIELDS: Readonly<Record<AdjustmentKind, readonly string[]>> = {
  markup: ['kind', 'percent', 'costCenters', 'label'],
  discount: ['kind', 'percent', 'costCenters', 'label'],
  tax: ['kind', 'percent', 'costCenters', 'label'],
  tiered: ['kind', 'bands', 'costCenters', 'label'],
  credit: ['kind', 'amount', 'period', 'costCenters', 'label'],
  prepaid: ['kind', 'balance', 'since', 'costCenters', 'label'],
};
/** Most a percentage may be per kind (tiered bands may also be negative, down to -100). */
const MAX_PERCENT: Readonly<Record<'markup' | 'discount' | 'tax' | 'tiered', number>> = {
  markup: 1000,
  discount: 100,
  tax: 100,
  tiered: 1000,
};
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A percentage with at most 6 decimals between `min` and `max` as an exact rate. */
function parseRate(value: unknown, path: string, min: number, max: number, problems: string[]): Rate | null {
  const text =
    typeof value === 'number'
      ? String(value)
      : typeof value === 'string'
        ? value.trim().replace(/%$/, '')
        : '';
  const percentPico = /^-?\d+(\.\d{1,6})?$/.test(text) ? parseDecimalToPico(text) : null;
  const percent = Number(text);
  if (percentPico === null || percent < min || percent > max) {
    problems.push(
      `"${path}": expected a percentage from ${min} to ${max} (at most 6 decimals) such as 19 or 7.5, got ${JSON.stringify(value)}`,
    );
    return null;
  }
  // percent × 10¹² / 100 = the fraction × 10¹²: exact, since the percentage has at most 6 decimals.
  return { ratePpt: percentPico / 100n, percentText: picoToDecimalString(percentPico) };
}

export function parseAdjustment(
  entry: unknown,
  path: string,
  ids: readonly string[],
  problems: string[],
): Adjustment | null {
  if (!isObject(entry)) {
    problems.push(`"${path}": expected { "kind": …, … }, got ${JSON.stringify(entry)}`);
    return null;
  }
  const kind = entry.kind;
  if (typeof kind !== 'string' || !(ADJUSTMENT_KINDS as readonly string[]).includes(kind)) {
    const suggestion = typeof kind === 'string' ? suggestKey(kind, ADJUSTMENT_KINDS) : null;
    problems.push(
      `"${path}.kind": expected one of ${ADJUSTMENT_KINDS.join(', ')}, got ${JSON.stringify(kind)}${suggestion === null ? '' : `; did you mean "${suggestion}"?`}`,
    );
    return null;
  }
  const before = problems.length;
  const adjustmentKind = kind as AdjustmentKind;
  checkFields(entry, ADJUSTMENT_FIELDS[adjustmentKind], path, problems);
  const costCenters = costCenterList(entry.costCenters, `${path}.costCenters`, ids, problems);
  const label = optionalText(entry.label, `${path}.label`, problems);
  const terms = parseTerms(adjustmentKind, entry, path, problems);
  if (terms === null || problems.length > before) return null;
  return { ...terms, label: label ?? defaultLabel(terms), costCenters };
}

function parseTerms(
  kind: AdjustmentKind,
  entry: JsonObject,
  path: string,
  problems: string[],
): AdjustmentTerms | null {
  switch (kind) {
    case 'markup':
    case 'discount':
    case 'tax': {
      const rate = required(entry, 'percent', path, problems)
        ? parseRate(entry.percent, `${path}.percent`, 0, MAX_PERCENT[kind], problems)
        : null;
      return rate === null ? null : { kind, rate };
    }
    case 'tiered': {
      const bands = parseBands(entry.bands, `${path}.bands`, problems);
      return bands === null ? null : { kind, bands };
    }
    case 'credit': {
      const amountPico = required(entry, 'amount', path, problems)
        ? parseAmount(entry.amount, `${path}.amount`, problems)
        : null;
      const period = entry.period === undefined ? null : parseMonth(entry.period, `${path}.period`, problems);
      return amountPico === null || period === undefined ? null : { kind, amountPico, period };
    }
    case 'prepaid': {
      const balancePico = required(entry, 'balance', path, problems)
        ? parseAmount(entry.balance, `${path}.balance`, problems)
        : null;
      const since = required(entry, 'since', path, problems)
        ? parseMonth(entry.since, `${path}.since`, problems)
        : undefined;
      return balancePico === null || since === undefined ? null : { kind, balancePico, since };
    }
    default:
      return kind satisfies never;
  }
}

/** `YYYY-MM`, or undefined (with a problem). */
function parseMonth(value: unknown, path: string, problems: string[]): string | undefined {
  if (typeof value === 'string' && MONTH.test(value)) return value;
  problems.push(`"${path}": expected a month such as "2026-10", got ${JSON.stringify(value)}`);
  return undefined;
}

/** `[{ "upTo": 1000, "percent": 8 }, { "upTo": 5000, "percent": 4 }, { "percent": 0 }]`. */
function parseBands(value: unknown, path: string, problems: string[]): VolumeBand[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(
      `"${path}": expected a list of bands such as [{ "upTo": 1000, "percent": 8 }, { "percent": 3 }], got ${JSON.stringify(value)}`,
    );
    return null;
  }
  const before = problems.length;
  const bands: VolumeBand[] = [];
  value.forEach((band: unknown, index) => {
    const bandPath = `${path}[${index}]`;
    const isLast = index === value.length - 1;
    if (!isObject(band)) {
      problems.push(
        `"${bandPath}": expected { "upTo": <dollars>, "percent": <n> }, got ${JSON.stringify(band)}`,
      );
      return;
    }
    checkFields(band, ['upTo', 'percent'], bandPath, problems);
    let upToPico: bigint | null = null;
    if (band.upTo === undefined) {
      if (!isLast) problems.push(`"${bandPath}.upTo": missing (only the last band is open-ended)`);
    } else if (isLast) {
      problems.push(`"${bandPath}.upTo": the last band is open-ended; drop "upTo"`);
    } else {
      upToPico = parseAmount(band.upTo, `${bandPath}.upTo`, problems);
      const previous = bands.at(-1)?.upToPico ?? null;
      if (upToPico !== null && previous !== null && upToPico <= previous) {
        problems.push(
          `"${bandPath}.upTo": bands must rise (${picoToDecimalString(upToPico)} ≤ ${picoToDecimalString(previous)})`,
        );
      }
    }
    const rate = required(band, 'percent', bandPath, problems)
      ? parseRate(band.percent, `${bandPath}.percent`, -100, MAX_PERCENT.tiered, problems)
      : null;
    if (rate !== null) bands.push({ upToPico, rate });
  });
  return problems.length > before ? null : bands;
}

function defaultLabel(terms: AdjustmentTerms): string {
  switch (terms.kind) {
    case 'markup':
      return `Markup ${terms.rate.percentText}%`;
    case 'discount':
      return `Discount ${terms.rate.percentText}%`;
    case 'tax':
      return `Tax ${terms.rate.percentText}%`;
    case 'tiered':
      return 'Volume tiers';
    case 'credit':
      return 'Credit';
    case 'prepaid':
      return `Prepaid balance since ${terms.since}`;
    default:
      return terms satisfies never;
  }
}
