import type { ModelEntry, PricePeriod, PriceSet, Rational } from '../price-book.ts';
import type { Overlay, OverlayPeriod, OverlayPriceSet } from './parse-overlay.ts';
import { compareText } from './match-logic-to-rules.ts';
import { usdToMicros } from './usd-to-micros.ts';

export interface OverlaidModels {
  readonly models: Readonly<Record<string, ModelEntry>>;
  /** Models an overlay entry speaks for: a large price change on them is confirmed, not a typo. */
  readonly confirmedModels: ReadonlySet<string>;
}

/** The overlay rule for 1h cache writes that applies to one source model, if any. */
export function cacheWrite1hRuleFor(
  overlay: Overlay,
  providerId: string,
  modelId: string,
): { readonly multiple: Rational; readonly citation: string } | undefined {
  for (const entry of overlay.entries) {
    if (entry.kind !== 'cache-write-1h-multiple-of-input') continue;
    if (entry.providers.includes(providerId) && modelId.toLowerCase().includes(entry.modelIdContains))
      return entry;
  }
  return undefined;
}

/** Batch API multipliers by provider, sorted, from the overlay's `batch-multiplier` entries. */
export function batchMultipliersOf(overlay: Overlay): Record<string, Rational> {
  const pairs = overlay.entries.flatMap((entry) =>
    entry.kind === 'batch-multiplier' ? [[entry.provider, entry.multiple] as const] : [],
  );
  return Object.fromEntries(pairs.sort(([a], [b]) => compareText(a, b)));
}

/**
 * Applies the overlay's model entries on top of the converted catalogue. `replace-periods` restates a
 * model's whole history; `add-periods` appends dated changes the source lacks (a period with the same
 * date is replaced); `add-model` adds a model and takes its exact ids away from the provider's other
 * models (a moving `-latest` alias). An entry naming an unknown model is an error, not a no-op.
 */
export function applyOverlay(
  catalogue: Readonly<Record<string, ModelEntry>>,
  overlay: Overlay,
): OverlaidModels {
  const models = new Map(Object.entries(catalogue));
  const confirmedModels = new Set<string>();
  for (const entry of overlay.entries) {
    if (entry.kind === 'cache-write-1h-multiple-of-input' || entry.kind === 'batch-multiplier') continue;
    confirmedModels.add(entry.model);
    const current = models.get(entry.model);
    if (entry.kind === 'confirm-change') continue;
    const toPeriods = (periods: readonly OverlayPeriod[]): PricePeriod[] =>
      periods.map((period, index) =>
        toPricePeriod(period, entry.citation, `overlay ${entry.model} periods[${index}]`),
      );
    if (entry.kind === 'add-model') {
      if (current !== undefined)
        throw new Error(`overlay add-model ${entry.model}: the catalogue already has it`);
      const [provider = '', ...rest] = entry.model.split('/');
      const exact = entry.exact.map((id) => id.toLowerCase());
      for (const [key, model] of models) {
        if (model.provider !== provider) continue;
        const kept = model.match.exact.filter((id) => !exact.includes(id));
        if (kept.length !== model.match.exact.length)
          models.set(key, { ...model, match: { ...model.match, exact: kept } });
      }
      models.set(entry.model, {
        provider,
        model: rest.join('/'),
        name: entry.name,
        match: { exact: [...exact].sort(compareText), prefixes: [] },
        periods: sortPeriods(toPeriods(entry.periods)),
      });
      continue;
    }
    if (current === undefined)
      throw new Error(`overlay ${entry.kind} ${entry.model}: no such model in the catalogue`);
    const added = toPeriods(entry.periods);
    const kept =
      entry.kind === 'replace-periods'
        ? []
        : current.periods.filter((p) => !added.some((a) => a.effectiveFrom === p.effectiveFrom));
    models.set(entry.model, { ...current, periods: sortPeriods([...kept, ...added]) });
  }
  const sorted = [...models.entries()].sort(([a], [b]) => compareText(a, b));
  return { models: Object.fromEntries(sorted), confirmedModels };
}

function toPricePeriod(period: OverlayPeriod, citation: string, what: string): PricePeriod {
  return {
    effectiveFrom: period.effectiveFrom,
    layer: 'overlay',
    citation,
    prices: toPriceSet(period.prices, what),
  };
}

/** Missing cache prices follow the source's rule: reads and writes at the input price, 1h at the 5m price. */
function toPriceSet(prices: OverlayPriceSet, what: string): PriceSet {
  const micros = (value: string, field: string): number => usdToMicros(value, `${what}.${field}`);
  const input = micros(prices.input, 'input');
  const output = micros(prices.output, 'output');
  const cacheWrite5m =
    prices.cacheWrite5m === undefined ? input : micros(prices.cacheWrite5m, 'cacheWrite5m');
  const reasoning = prices.reasoning === undefined ? undefined : micros(prices.reasoning, 'reasoning');
  return {
    input,
    output,
    cacheRead: prices.cacheRead === undefined ? input : micros(prices.cacheRead, 'cacheRead'),
    cacheWrite5m,
    cacheWrite1h:
      prices.cacheWrite1h === undefined ? cacheWrite5m : micros(prices.cacheWrite1h, 'cacheWrite1h'),
    ...(reasoning !== undefined && reasoning !== output ? { reasoning } : {}),
    ...(prices.requestFee === undefined ? {} : { requestFee: micros(prices.requestFee, 'requestFee') }),
    ...(prices.webSearchPer1k === undefined
      ? {}
      : { webSearchPer1k: micros(prices.webSearchPer1k, 'webSearchPer1k') }),
  };
}

function sortPeriods(periods: PricePeriod[]): PricePeriod[] {
  return periods.sort((a, b) => compareText(a.effectiveFrom, b.effectiveFrom));
}
