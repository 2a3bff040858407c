import { numberToPico, parseDecimalToPico } from '../model/money.ts';
import type { ReportedCost } from '../model/usage-record.ts';
import { describe, type RowChecker } from './row-checker.ts';

/**
 * A cost the source states in US dollars, as a JSON number or a decimal string (CSV), exact in pico-USD.
 * Absent, null or an empty CSV cell: null (no stated cost, so the record is priced from the price book).
 */
export function readUsdCost(value: unknown, field: string, check: RowChecker): ReportedCost | null {
  if (value === undefined || value === null || value === '') return null;
  const amountPico =
    typeof value === 'number'
      ? numberToPico(value)
      : typeof value === 'string'
        ? parseDecimalToPico(value)
        : null;
  if (amountPico === null) {
    check.fail(field, `expected an amount in USD such as 0.0125, got ${describe(value)}`);
    return null;
  }
  return { amountPico, currency: 'USD' };
}
