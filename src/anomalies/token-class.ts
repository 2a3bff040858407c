import type { UsageTotals } from '../model/usage-totals.ts';

/**
 * The token classes spend is split into for anomaly series and root causes. Cache writes whose TTL is
 * unknown are billed at the 5-minute price and counted with them; reasoning is part of output; `other`
 * holds per-request fees, web searches and any cost the token prices do not explain.
 */
export const TOKEN_CLASS_NAMES = [
  'input',
  'cacheRead',
  'cacheWrite5m',
  'cacheWrite1h',
  'output',
  'other',
] as const;
export type TokenClassName = (typeof TOKEN_CLASS_NAMES)[number];

export const TOKEN_CLASS_LABELS: Readonly<Record<TokenClassName, string>> = {
  input: 'input',
  cacheRead: 'cache reads',
  cacheWrite5m: 'cache writes 5m',
  cacheWrite1h: 'cache writes 1h',
  output: 'output',
  other: 'fees and searches',
};

/** Token counts per class (`other` has none), in TOKEN_CLASS_NAMES order. */
export function tokensByClass(totals: UsageTotals): readonly number[] {
  return [
    totals.inputTokens,
    totals.cacheReadTokens,
    totals.cacheWrite5mTokens + totals.cacheWriteUnknownTtlTokens,
    totals.cacheWrite1hTokens,
    totals.outputTokens,
    0,
  ];
}

/**
 * Splits an aggregate's exact cost (pico-USD) over the token classes in proportion to `weightsPico`
 * (each class's tokens priced alone at the model's list price), so the parts add up to the stored cost
 * whatever batch discount or tier applied. Returns dollars (floats, for statistics only). Without
 * weights (no price known for the classes) everything goes to `other`.
 */
export function splitCostByTokenClass(costPico: bigint, weightsPico: readonly number[]): number[] {
  const costUsd = Number(costPico) / 1e12;
  const weightSum = weightsPico.reduce((sum, weight) => sum + weight, 0);
  if (!(weightSum > 0)) return TOKEN_CLASS_NAMES.map((name) => (name === 'other' ? costUsd : 0));
  return TOKEN_CLASS_NAMES.map((_, index) => (costUsd * (weightsPico[index] ?? 0)) / weightSum);
}
