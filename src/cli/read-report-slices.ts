import type { UsageSlice } from '../analysis/build-report.ts';
import { withCacheSaving } from '../analysis/cache-savings.ts';
import {
  createSliceConverter,
  type CurrencyConversion,
  type SliceConverter,
} from '../analysis/convert-currency.ts';
import type { ExchangeRates } from '../currency/exchange-rates.ts';
import type { Dimension, DimensionFilter } from '../model/dimension.ts';
import type { PeriodUnit } from '../analysis/period.ts';
import type { Store } from '../store/open-store.ts';
import { iterateUsageAggregates } from '../store/select-usage-aggregates.ts';
import { chooseSliceMs } from './choose-slice-ms.ts';
import { InputError } from './errors.ts';
import type { LoadedPricing } from './load-pricing.ts';
import type { Settings } from './settings.ts';
import { usageFilterOf } from './usage-filter-of.ts';

/** Which slices a report reads: its range, period unit, groups and filters. */
export interface SliceRequest {
  readonly fromMs: number | null;
  readonly toMs: number;
  readonly by: PeriodUnit;
  readonly groupBy: readonly Dimension[];
  readonly where: readonly DimensionFilter[];
}

/**
 * Usage slices of a range as they are read from the store, in ascending order of start: summed as
 * finely as the zone needs, with what caching saved when `price` is given, converted to the report
 * currency when `converter` is (which remembers the rates it used). A missing rate is an InputError.
 */
export function* streamReportSlices(
  store: Store,
  request: SliceRequest,
  settings: Pick<Settings, 'timeZone' | 'costMode' | 'preferKind' | 'teamRules'>,
  converter: SliceConverter | null,
  price?: LoadedPricing['price'],
): Generator<UsageSlice, void, undefined> {
  const sliceMs = chooseSliceMs(
    settings.timeZone,
    request.fromMs ?? request.toMs,
    request.toMs,
    request.by === 'hour',
  );
  const groupCount = request.groupBy.length;
  // Cache savings are priced per model, so the slices are split by provider and model first.
  const aggregates = iterateUsageAggregates(store, {
    ...usageFilterOf(settings, request.fromMs, request.toMs, request.where),
    sliceMs,
    groupBy: price === undefined ? request.groupBy : [...request.groupBy, 'provider', 'model'],
    costMode: settings.costMode,
  });
  for (const aggregate of aggregates) {
    const slice = price === undefined ? aggregate : withCacheSaving(aggregate, groupCount, price);
    if (converter === null) {
      yield slice;
      continue;
    }
    const converted = converter.convert(slice);
    if (!converted.ok) throw new InputError(converted.message);
    yield converted.slice;
  }
}

/** Every slice of `streamReportSlices` in memory, and the rates that converted them (null: USD). */
export function readReportSlices(
  store: Store,
  request: SliceRequest,
  settings: Pick<Settings, 'timeZone' | 'costMode' | 'preferKind' | 'teamRules' | 'currency'>,
  rates: ExchangeRates | null,
  price?: LoadedPricing['price'],
): { slices: UsageSlice[]; exchange: CurrencyConversion | null } {
  const converter = rates === null ? null : createSliceConverter(rates, settings.currency);
  const slices = [...streamReportSlices(store, request, settings, converter, price)];
  return { slices, exchange: converter === null ? null : converter.conversion() };
}
