import { existsSync } from 'node:fs';
import { convertAmount, rateAt } from '../../currency/exchange-rates.ts';
import type { Budget } from '../../model/budget.ts';
import type { DimensionFilter } from '../../model/dimension.ts';
import { matchesFilterValue } from '../../model/filter-pattern.ts';
import { picoToDecimalString, picoToNumber } from '../../model/money.ts';
import { ZERO_TOKENS } from '../../model/usage-record.ts';
import { formatMoney } from '../../output/format-money.ts';
import { openStore } from '../../store/open-store.ts';
import type { Context } from '../context.ts';
import { InputError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadExchangeRates } from '../load-exchange-rates.ts';
import { loadPricing } from '../load-pricing.ts';
import { readBudgetVerdicts } from '../read-budget-verdicts.ts';
import { requireFormat } from '../require-format.ts';
import type { Settings } from '../settings.ts';
import { writeOutput } from '../write-output.ts';
import type { CanSpendOptions } from './budget.ts';

/**
 * Whether a request with these attributes counts against the budget: every filter of its scope holds,
 * matched as `budget check` matches stored usage (exact, or `*` wildcards).
 */
function isInScope(budget: Budget, request: readonly DimensionFilter[]): boolean {
  return budget.where.every((filter) =>
    request.some(
      (attribute) =>
        attribute.dimension === filter.dimension && matchesFilterValue(filter.value, attribute.value),
    ),
  );
}

/**
 * `llmcost budget can-spend`: prices one request at list price and checks it against every hard budget
 * whose scope it falls in: deny (exit 3) when the request would take spend past a budget's amount,
 * allow (exit 0) otherwise. A request the price book cannot price is an error (exit 1), never allowed
 * silently. Budgets are read as `budget check` reads them (no forecast).
 */
export function runBudgetCanSpend(options: CanSpendOptions, settings: Settings, ctx: Context): ExitCode {
  const format = requireFormat(settings, 'budget can-spend', ['table', 'json']);
  if (options.cachedInput > options.input) {
    throw new UsageError('--cached-input is part of --input: it cannot be larger');
  }
  const cost = loadPricing(settings).price({
    provider: options.provider ?? '',
    model: options.model,
    occurredAtMs: settings.asOfMs,
    ...ZERO_TOKENS,
    inputTokens: options.input - options.cachedInput,
    cacheReadTokens: options.cachedInput,
    outputTokens: options.output,
    requests: 1,
    webSearchRequests: 0,
    isBatch: false,
    serviceTier: null,
  });
  if (cost.kind === 'unpriced') {
    throw new InputError(`cannot price ${options.model}: ${cost.reason}`);
  }
  // Without --provider, the request is billed by the provider whose price priced it (`openai/gpt-4o`).
  const provider = options.provider ?? cost.modelId.slice(0, cost.modelId.indexOf('/'));
  const request: DimensionFilter[] = [
    { dimension: 'model', value: options.model },
    ...(provider === '' ? [] : [{ dimension: 'provider' as const, value: provider }]),
    ...options.where,
  ];
  const hard = settings.budgets.filter(
    (budget) => budget.enforcement === 'hard' && isInScope(budget, request),
  );
  if (hard.length > 0 && !existsSync(settings.dbPath)) {
    throw new InputError(
      `no database at ${settings.dbPath}: ingest some usage first (llmcost ingest <files>)`,
    );
  }
  const checks =
    hard.length === 0
      ? []
      : (() => {
          const store = openStore(settings.dbPath);
          try {
            return readBudgetVerdicts(store, hard, settings, ctx.cwd, {
              isForecastAll: false,
              maxBreachProbability: null,
              intervalLevel: 0.8,
              isRecordingHistory: false,
            });
          } finally {
            store.close();
          }
        })();
  const results = checks.map((verdict) => {
    let estimatePico = cost.costPico;
    if (verdict.currency !== 'USD') {
      const rates = loadExchangeRates({ ...settings, currency: verdict.currency }, ctx.cwd);
      const rate = rates === null ? null : rateAt(rates, verdict.currency, settings.asOfMs);
      if (rate === null)
        throw new InputError(`no ${verdict.currency} rate on or before --as-of to convert the estimate`);
      estimatePico = convertAmount(cost.costPico, rate);
    }
    return { verdict, estimatePico, isAllowed: verdict.spentPico + estimatePico <= verdict.amountPico };
  });
  const isAllowed = results.every((result) => result.isAllowed);
  if (format === 'json') {
    const json = {
      decision: isAllowed ? 'allow' : 'deny',
      model: options.model,
      pricedAs: cost.modelId,
      estimatedCost: picoToNumber(cost.costPico),
      estimatedCostExact: picoToDecimalString(cost.costPico),
      currency: 'USD',
      budgets: results.map(({ verdict, estimatePico, isAllowed: allowed }) => ({
        name: verdict.budget.name,
        decision: allowed ? 'allow' : 'deny',
        currency: verdict.currency,
        period: verdict.window.label,
        spent: picoToNumber(verdict.spentPico),
        amount: picoToNumber(verdict.amountPico),
        remaining: picoToNumber(verdict.remainingPico),
        estimatedCost: picoToNumber(estimatePico),
      })),
    };
    writeOutput(ctx, settings, `${JSON.stringify(json, null, 2)}\n`);
  } else {
    const lines = [
      `${isAllowed ? 'allow' : 'deny'}: ${options.model} (${cost.modelId}) estimated ${formatMoney(cost.costPico, 'USD')} at list price`,
      ...(results.length === 0
        ? ['no hard budget covers this request']
        : results.map(
            ({ verdict, estimatePico, isAllowed: allowed }) =>
              `  ${allowed ? 'allow' : 'deny '}  ${verdict.budget.name} (${verdict.window.label}): ${formatMoney(verdict.spentPico, verdict.currency)} spent + ${formatMoney(estimatePico, verdict.currency)} of ${formatMoney(verdict.amountPico, verdict.currency)}`,
          )),
    ];
    writeOutput(ctx, settings, `${lines.join('\n')}\n`);
  }
  return isAllowed ? EXIT.OK : EXIT.GATE;
}
