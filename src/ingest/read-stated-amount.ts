import { numberToPico, parseDecimalToPico } from '../model/money.ts';
import type { ReportedCost } from '../model/usage-record.ts';
import { describe, type RowChecker } from './row-checker.ts';

const CURRENCY_CODE = /^[A-Za-z]{3}$/;

/** How the source writes the amount: in currency units (`12.5`) or hundredths of them (`"1250"` cents). */
export type AmountUnit = 'units' | 'cents';

export interface StatedAmount {
  readonly value: unknown;
  readonly valueField: string;
  readonly unit: AmountUnit;
  readonly currency: unknown;
  readonly currencyField: string;
}

/**
 * A cost the source states, exact: a decimal string or a JSON number (read through its shortest
 * decimal text, never float arithmetic), any sign (credits are negative). The currency is upper-cased
 * (`usd` → `USD`); absent, the export's only currency, USD. Null, with a problem, when unreadable.
 */
export function readStatedAmount(amount: StatedAmount, check: RowChecker): ReportedCost | null {
  const { value } = amount;
  const units =
    typeof value === 'string'
      ? parseDecimalToPico(amount.unit === 'cents' ? centsToUnits(value) : value)
      : typeof value === 'number' && amount.unit === 'units'
        ? numberToPico(value)
        : null;
  if (units === null) {
    const expected =
      amount.unit === 'cents' ? 'a decimal string of cents such as "1250.5"' : 'a decimal number';
    check.fail(amount.valueField, `expected ${expected}, got ${describe(value)}`);
  }
  const currency = readCurrency(amount.currency, amount.currencyField, check);
  return units === null || currency === null ? null : { amountPico: units, currency };
}

function readCurrency(value: unknown, field: string, check: RowChecker): string | null {
  if (value === undefined || value === null || value === '') return 'USD';
  if (typeof value === 'string' && CURRENCY_CODE.test(value)) return value.toUpperCase();
  check.fail(field, `expected an ISO 4217 code such as "usd", got ${describe(value)}`);
  return null;
}

/**
 * `"123.45"` cents → `"1.2345"`: the decimal point moved two places in the text, so no digit is
 * rounded. Anything that is not a plain decimal is returned as is, for the parser to refuse.
 */
export function centsToUnits(cents: string): string {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(cents);
  if (!match) return cents;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return cents;
  const padded = whole.padStart(3, '0');
  return `${sign}${padded.slice(0, -2)}.${padded.slice(-2)}${fraction}`;
}
