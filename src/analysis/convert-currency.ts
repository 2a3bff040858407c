import { convertAmount, rateAt, type DatedRate, type ExchangeRates } from '../currency/exchange-rates.ts';
import type { UsageSlice } from './build-report.ts';

/** What a converted report says about its rates. */
export interface CurrencyConversion {
  readonly currency: string;
  /** The rates file. */
  readonly source: string;
  /** Earliest and latest rate date used, and how many distinct rates. */
  readonly firstRateDate: string | null;
  readonly lastRateDate: string | null;
  readonly ratesUsed: number;
}

export type CurrencyConversionResult =
  | {
      readonly ok: true;
      readonly slices: readonly UsageSlice[];
      readonly conversion: CurrencyConversion;
    }
  | { readonly ok: false; readonly message: string };

/**
 * Converts the USD amounts of each slice (cost, list cost, stated cost) to `currency` at the rate of the
 * slice's UTC day (the latest rate on or before it). Each slice is converted exactly and rounded once to
 * the pico-unit, before any sum, so a report's totals are the sums of its converted rows.
 */
export function convertSlices(
  slices: readonly UsageSlice[],
  rates: ExchangeRates,
  currency: string,
): CurrencyConversionResult {
  const converter = createSliceConverter(rates, currency);
  const converted: UsageSlice[] = [];
  for (const slice of slices) {
    const result = converter.convert(slice);
    if (!result.ok) return result;
    converted.push(result.slice);
  }
  return { ok: true, slices: converted, conversion: converter.conversion() };
}

/** Converts slices one at a time (a streamed report), remembering which rates it used. */
export interface SliceConverter {
  /** The slice in the converter's currency, as `convertSlices` converts it, or why it can't be. */
  readonly convert: (
    slice: UsageSlice,
  ) => { readonly ok: true; readonly slice: UsageSlice } | { readonly ok: false; readonly message: string };
  /** What the slices converted so far used. */
  readonly conversion: () => CurrencyConversion;
}

export function createSliceConverter(rates: ExchangeRates, currency: string): SliceConverter {
  const used = new Set<DatedRate>();
  return {
    convert: (slice) => {
      const rate = rateAt(rates, currency, slice.sliceStartMs);
      if (rate === null) {
        const first = rates.byCurrency.get(currency)?.[0]?.date;
        const day = new Date(slice.sliceStartMs).toISOString().slice(0, 10);
        return {
          ok: false,
          message:
            first === undefined
              ? `${rates.source}: no ${currency} rates (rows "date,currency,rate" with currency ${currency})`
              : `${rates.source}: no ${currency} rate on or before ${day} (the first is ${first}); add one or use --since`,
        };
      }
      used.add(rate);
      const { totals } = slice;
      return {
        ok: true,
        slice: {
          ...slice,
          totals: {
            ...totals,
            costPico: convertAmount(totals.costPico, rate),
            listCostPico: convertAmount(totals.listCostPico, rate),
            reportedCostPico: convertAmount(totals.reportedCostPico, rate),
            cacheSavingsPico: convertAmount(totals.cacheSavingsPico, rate),
          },
        },
      };
    },
    conversion: () => {
      const dates = [...used].map((rate) => rate.date).sort();
      return {
        currency,
        source: rates.source,
        firstRateDate: dates[0] ?? null,
        lastRateDate: dates.at(-1) ?? null,
        ratesUsed: dates.length,
      };
    },
  };
}
