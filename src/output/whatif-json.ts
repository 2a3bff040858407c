import { picoToDecimalString, picoToNumber } from '../model/money.ts';
import type { ReasonCount } from '../optimizer/replay-usage.ts';
import { savingsPercent, whatifNotes, type WhatifReport } from './whatif-report.ts';

/**
 * The public JSON contract of `llmcost whatif --format json` (issue 8; scripts depend on it):
 * `{ baseline: { cost }, scenarios: [ { name, cost, savings, savingsPct, excluded: { requests, reasons } } ] }`
 * plus the fields below. Money is USD: `cost`/`savings` are decimal numbers of dollars (convenient, but
 * floats), `…Exact` the exact decimal strings and `…Pico` the exact integer pico-USD as strings: sum those.
 * `savingsPct` is a percentage of the baseline (2 decimals), null when the baseline is 0.
 */
export interface WhatifJson {
  readonly schemaVersion: 1;
  readonly currency: 'USD';
  readonly moneyUnit: 'picoUSD';
  readonly range: { readonly since: string | null; readonly until: string | null; readonly asOf: string };
  readonly timeZone: string;
  readonly where: readonly { readonly dimension: string; readonly value: string }[];
  readonly pricingVersion: string;
  readonly baseline: MoneyJson & {
    readonly recordedCost: number;
    readonly recordedCostPico: string;
    readonly records: number;
    readonly requests: number;
    readonly unpriced: CountJson & { readonly reasons: readonly ReasonJson[] };
  };
  readonly scenarios: readonly ScenarioJson[];
  readonly breakdowns: readonly {
    readonly dimension: string;
    readonly rows: readonly (CountJson & {
      readonly key: string | null;
      readonly baseline: number;
      readonly baselinePico: string;
      readonly scenarios: readonly {
        readonly name: string;
        readonly cost: number;
        readonly costPico: string;
        readonly savings: number;
        readonly savingsPct: number | null;
      }[];
    })[];
  }[];
  readonly assumptions: {
    readonly tokenizerRatios: Readonly<Record<string, number>>;
    readonly tokenizerRatiosAreDefaults: boolean;
    readonly minCacheablePromptTokens: number;
    readonly observedCacheHitRate: number | null;
    /** How limits are checked on stored rows that sum several requests. */
    readonly aggregatedRows: 'checked by their average request';
  };
  readonly notes: readonly string[];
}

interface CountJson {
  readonly records: number;
  readonly requests: number;
}

interface MoneyJson {
  readonly cost: number;
  readonly costExact: string;
  readonly costPico: string;
}

interface ReasonJson extends CountJson {
  readonly reason: string;
}

interface ScenarioJson extends MoneyJson {
  readonly name: string;
  readonly operations: readonly string[];
  readonly savings: number;
  readonly savingsExact: string;
  readonly savingsPico: string;
  readonly savingsPct: number | null;
  readonly excluded: CountJson & {
    readonly reasons: readonly (ReasonJson & {
      readonly baselineCost: number;
      readonly baselineCostPico: string;
    })[];
  };
  /** Per operation: the requests it changed, their cost before and after it (USD). */
  readonly changes: readonly (CountJson & {
    readonly operation: string;
    readonly before: number;
    readonly after: number;
    readonly savings: number;
    readonly beforePico: string;
    readonly afterPico: string;
  })[];
  readonly notes: readonly string[];
  /** A model the scenario moves usage to is retired (or retires within 90 days) on the as-of day. */
  readonly warnings: readonly string[];
}

const money = (pico: bigint): MoneyJson => ({
  cost: picoToNumber(pico),
  costExact: picoToDecimalString(pico),
  costPico: pico.toString(),
});

const reason = (entry: ReasonCount): ReasonJson => ({
  reason: entry.reason,
  records: entry.records,
  requests: entry.requests,
});

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function buildWhatifJson(report: WhatifReport): WhatifJson {
  const { result } = report;
  const baselinePico = result.baseline.costPico;
  return {
    schemaVersion: 1,
    currency: 'USD',
    moneyUnit: 'picoUSD',
    range: {
      since: iso(report.range.sinceMs),
      until: iso(report.range.untilFlagMs),
      asOf: new Date(report.range.asOfMs).toISOString(),
    },
    timeZone: report.timeZone,
    where: report.where.map(({ dimension, value }) => ({ dimension, value })),
    pricingVersion: report.pricingVersion,
    baseline: {
      ...money(baselinePico),
      recordedCost: picoToNumber(result.baseline.recordedCostPico),
      recordedCostPico: result.baseline.recordedCostPico.toString(),
      records: result.baseline.records,
      requests: result.baseline.requests,
      unpriced: {
        records: result.baseline.unpriced.records,
        requests: result.baseline.unpriced.requests,
        reasons: result.baseline.unpriced.reasons.map(reason),
      },
    },
    scenarios: result.scenarios.map((scenario, index) => ({
      name: scenario.name,
      operations: report.scenarios[index]?.operations ?? [],
      ...money(scenario.costPico),
      savings: picoToNumber(scenario.savingsPico),
      savingsExact: picoToDecimalString(scenario.savingsPico),
      savingsPico: scenario.savingsPico.toString(),
      savingsPct: savingsPercent(baselinePico, scenario.savingsPico),
      excluded: {
        records: scenario.excluded.records,
        requests: scenario.excluded.requests,
        reasons: scenario.excluded.reasons.map((entry) => ({
          ...reason(entry),
          baselineCost: picoToNumber(entry.baselinePico),
          baselineCostPico: entry.baselinePico.toString(),
        })),
      },
      changes: scenario.effects.map((effect) => ({
        operation: effect.operation,
        records: effect.records,
        requests: effect.requests,
        before: picoToNumber(effect.beforePico),
        after: picoToNumber(effect.afterPico),
        savings: picoToNumber(effect.beforePico - effect.afterPico),
        beforePico: effect.beforePico.toString(),
        afterPico: effect.afterPico.toString(),
      })),
      notes: scenario.notes,
      warnings: report.scenarios[index]?.warnings ?? [],
    })),
    breakdowns: result.breakdowns
      .filter((breakdown) => report.shownBreakdowns.includes(breakdown.dimension))
      .map((breakdown) => ({
        dimension: breakdown.dimension,
        rows: breakdown.rows.map((row) => ({
          key: row.key,
          records: row.records,
          requests: row.requests,
          baseline: picoToNumber(row.baselinePico),
          baselinePico: row.baselinePico.toString(),
          scenarios: result.scenarios.map((scenario, index) => {
            const cost = row.scenarioPico[index] ?? 0n;
            return {
              name: scenario.name,
              cost: picoToNumber(cost),
              costPico: cost.toString(),
              savings: picoToNumber(row.baselinePico - cost),
              savingsPct: savingsPercent(row.baselinePico, row.baselinePico - cost),
            };
          }),
        })),
      })),
    assumptions: {
      tokenizerRatios: Object.fromEntries(
        report.assumptions.tokenizerRatios.map(({ family, ratio }) => [family, ratio]),
      ),
      tokenizerRatiosAreDefaults: report.assumptions.tokenizerRatiosAreDefaults,
      minCacheablePromptTokens: report.assumptions.minCacheablePromptTokens,
      observedCacheHitRate: report.assumptions.observedCacheHitRate,
      aggregatedRows: 'checked by their average request',
    },
    notes: whatifNotes(report),
  };
}

export function renderWhatifJson(report: WhatifReport): string {
  return `${JSON.stringify(buildWhatifJson(report), null, 2)}\n`;
}
