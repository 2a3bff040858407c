import { TOKEN_CLASS_NAMES, tokensByClass } from '../anomalies/token-class.ts';
import type { PicoUsd } from '../model/money.ts';
import type { ChargebackUsage, DetailLine, TokenClassWeigher } from './chargeback-statement.ts';
import type { UsageBucket } from './classify-usage.ts';
import { roundToCentsKeepingTotal, splitLargestRemainder } from './largest-remainder.ts';

/** A usage group and where its spend went. */
export interface ClassifiedUsage {
  readonly bucket: UsageBucket;
  readonly usage: ChargebackUsage;
}

/** The name a bucket goes by in the Detail sheet: its cost center, or its pool. */
export function bucketName(bucket: UsageBucket): string {
  return bucket.kind === 'direct' ? bucket.costCenter : bucket.pool;
}

/**
 * Breaks each bucket's spend down by project × model × token class. A group's exact cost is split over
 * its token classes in proportion to the weigher's list prices (largest remainder in pico-dollars, so
 * nothing is lost); then each bucket's lines are rounded to cents so they add up to the bucket's own
 * amount in whole cents (`bucketCents`, keyed like `bucketKey`). Lines with no tokens and no cost are
 * left out. `bucketOrder` ranks buckets (cost centers in config order, then pools).
 */
export function buildChargebackDetail(
  classified: readonly ClassifiedUsage[],
  bucketCents: ReadonlyMap<string, PicoUsd>,
  weigh: TokenClassWeigher,
  bucketOrder: (bucket: UsageBucket) => number,
): DetailLine[] {
  const lines = new Map<
    string,
    { line: Omit<DetailLine, 'costPico' | 'tokens'>; tokens: number; costPico: bigint; rank: number }
  >();
  for (const { bucket, usage } of classified) {
    const tokens = tokensByClass(usage.totals);
    const costs = splitByClass(usage.totals.costPico, weigh(usage));
    TOKEN_CLASS_NAMES.forEach((tokenClass, index) => {
      const key = [
        bucketKey(bucket),
        usage.project ?? '\u0001',
        usage.provider,
        usage.model,
        tokenClass,
      ].join('\u0000');
      let entry = lines.get(key);
      if (entry === undefined) {
        entry = {
          line: {
            costCenter: bucketName(bucket),
            bucket: bucket.kind,
            project: usage.project,
            provider: usage.provider,
            model: usage.model,
            tokenClass,
          },
          tokens: 0,
          costPico: 0n,
          rank: bucketOrder(bucket),
        };
        lines.set(key, entry);
      }
      entry.tokens += tokens[index] ?? 0;
      entry.costPico += costs[index] ?? 0n;
    });
  }
  const kept = [...lines.values()]
    .filter((entry) => entry.tokens !== 0 || entry.costPico !== 0n)
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        compareText(a.line.project ?? '', b.line.project ?? '') ||
        compareText(a.line.provider, b.line.provider) ||
        compareText(a.line.model, b.line.model) ||
        TOKEN_CLASS_NAMES.indexOf(a.line.tokenClass) - TOKEN_CLASS_NAMES.indexOf(b.line.tokenClass),
    );
  const byBucket = new Map<string, typeof kept>();
  for (const entry of kept) {
    const key = `${entry.line.bucket}\u0000${entry.line.costCenter}`;
    const entries = byBucket.get(key);
    if (entries === undefined) byBucket.set(key, [entry]);
    else entries.push(entry);
  }
  const rounded = new Map<(typeof kept)[number], PicoUsd>();
  for (const [key, entries] of byBucket) {
    const cents = roundToCentsKeepingTotal(
      entries.map((entry) => entry.costPico),
      bucketCents.get(key) ?? 0n,
    );
    entries.forEach((entry, index) => rounded.set(entry, cents[index] ?? 0n));
  }
  return kept.map((entry) => ({ ...entry.line, tokens: entry.tokens, costPico: rounded.get(entry) ?? 0n }));
}

/** The key of a bucket in `bucketCents`. */
export function bucketKey(bucket: UsageBucket): string {
  return `${bucket.kind}\u0000${bucketName(bucket)}`;
}

/** Exact split of a cost over the token classes; no weights: all of it under `other`. */
function splitByClass(costPico: PicoUsd, weights: readonly number[]): PicoUsd[] {
  const integerWeights = TOKEN_CLASS_NAMES.map((_, index) =>
    BigInt(Math.max(0, Math.round(weights[index] ?? 0))),
  );
  if (integerWeights.every((weight) => weight === 0n)) {
    return TOKEN_CLASS_NAMES.map((name) => (name === 'other' ? costPico : 0n));
  }
  return splitLargestRemainder(costPico, integerWeights);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
