import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePriceOverrides } from '../../pricing/parse-price-overrides.ts';
import type { BreakdownDimension } from '../../optimizer/replay-usage.ts';
import type { Scenario } from '../../optimizer/scenario.ts';
import { scenarioRetirementWarnings } from '../../optimizer/scenario-retirement-warnings.ts';
import { DEFAULT_TOKENIZER_RATIOS, tokenizerFamilyOf } from '../../optimizer/tokenizer-ratios.ts';
import type { PriceOverride } from '../../pricing/price-override.ts';
import { renderWhatifChart } from '../../output/render-whatif-chart.ts';
import { renderWhatifCsv } from '../../output/render-whatif-csv.ts';
import { renderWhatifMarkdown } from '../../output/render-whatif-markdown.ts';
import { renderWhatifTable } from '../../output/render-whatif-table.ts';
import { renderWhatifJson } from '../../output/whatif-json.ts';
import type { WhatifAssumptions, WhatifReport } from '../../output/whatif-report.ts';
import { openStore } from '../../store/open-store.ts';
import { asOfDay } from '../as-of-day.ts';
import type { Context } from '../context.ts';
import { InputError, UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadPricing } from '../load-pricing.ts';
import { readPriceBookOrFail } from '../read-active-price-book.ts';
import { MIN_CACHEABLE_PROMPT_TOKENS, replayStoredUsage, type StoredReplay } from '../replay-stored-usage.ts';
import { requireFormat } from '../require-format.ts';
import { requireUsd } from '../require-usd.ts';
import { resolveReportRange } from '../resolve-report-range.ts';
import type { Settings } from '../settings.ts';
import { writeInFormat } from '../write-output.ts';
import {
  hasOperations,
  parseFlagScenario,
  parseScenarioFlag,
  type ParsedScenario,
  type PriceListFiles,
} from '../whatif/parse-scenario-flags.ts';
import type { WhatifOptions } from './whatif.ts';
import { usageFilterOf } from '../usage-filter-of.ts';

export function runWhatif(options: WhatifOptions, settings: Settings, ctx: Context): ExitCode {
  const format = requireFormat(settings, 'whatif', ['table', 'json', 'csv', 'md']);
  requireUsd(settings, 'whatif');
  if (options.chart === true && format !== 'table') {
    throw new UsageError(`--chart draws under the terminal table only; drop it or --format ${format}`);
  }
  const parsed: ParsedScenario[] = [
    ...(hasOperations(options) ? [parseFlagScenario('what-if', options)] : []),
    ...options.scenario.map(parseScenarioFlag),
  ];
  if (parsed.length === 0) {
    throw new UsageError(
      'nothing to replay: give --swap, --route, --cache-hit-rate/--cache, --batch, --tier, --price-book, --overrides or --scenario (see llmcost whatif --help)',
    );
  }
  const range = resolveReportRange(options, settings);
  const scenarios = parsed.map((scenario) => withPriceList(scenario, ctx.cwd));
  const pricing = loadPricing(settings);
  const computed: BreakdownDimension[] =
    options.chart === true && !options.by.includes('day') ? [...options.by, 'day'] : [...options.by];

  const store = openStore(settings.dbPath);
  let replay: StoredReplay;
  try {
    replay = replayStoredUsage(
      store,
      usageFilterOf(settings, range.sinceMs, range.untilMs, options.where),
      scenarios,
      {
        book: pricing.book,
        overrides: settings.priceOverrides,
        configuredTokenizerRatios: settings.tokenizerRatios,
        breakdownBy: computed,
        timeZone: settings.timeZone,
      },
    );
  } finally {
    store.close();
  }

  const day = asOfDay(settings);
  const report: WhatifReport = {
    result: replay.result,
    scenarios: parsed.map((scenario, index) => {
      const compiled = replay.plan.scenarios[index];
      return {
        name: scenario.name,
        operations: [
          ...(scenario.priceList === null ? [] : [scenario.priceList.label]),
          ...scenario.operations.map((operation) => operation.label),
        ],
        warnings: compiled === undefined ? [] : scenarioRetirementWarnings(compiled, day),
      };
    }),
    shownBreakdowns: options.by,
    range: { ...range, asOfMs: settings.asOfMs },
    timeZone: settings.timeZone,
    where: options.where,
    pricingVersion: pricing.version,
    assumptions: assumptionsOf(replay, settings.tokenizerRatios),
  };
  for (const { name, warnings } of report.scenarios)
    for (const warning of warnings) ctx.stderr.write(`llmcost: warning: scenario "${name}": ${warning}\n`);
  const top = options.top ?? null;
  writeInFormat(ctx, settings, format, {
    json: () => renderWhatifJson(report),
    csv: () => renderWhatifCsv(report),
    md: () => renderWhatifMarkdown(report, top),
    table: () =>
      report.result.baseline.records === 0 && report.result.baseline.unpriced.records === 0
        ? 'No usage in this range.\n'
        : renderWhatifTable(report, ctx.display, top) +
          (options.chart === true ? `\n${renderWhatifChart(report, ctx.display)}` : ''),
  });
  return EXIT.OK;
}

/** The scenario with its price list read: the book file and the overrides file, relative to `cwd`. */
function withPriceList(scenario: ParsedScenario, cwd: string): Scenario {
  const { priceList } = scenario;
  if (priceList === null) return { name: scenario.name, operations: scenario.operations };
  return {
    name: scenario.name,
    operations: [
      {
        kind: 'prices',
        label: priceList.label,
        book:
          priceList.priceBookPath === null
            ? null
            : readPriceBookOrFail(resolve(cwd, priceList.priceBookPath)),
        overrides: readOverrides(priceList, cwd),
      },
      ...scenario.operations,
    ],
  };
}

/** An overrides file: a `priceOverrides` array, or an object holding one (a config file). */
function readOverrides(priceList: PriceListFiles, cwd: string): readonly PriceOverride[] {
  if (priceList.overridesPath === null) return [];
  const path = resolve(cwd, priceList.overridesPath);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`--overrides ${priceList.overridesPath}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const entries =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>).priceOverrides
      : json;
  if (entries === undefined) {
    throw new InputError(
      `--overrides ${priceList.overridesPath}: expected a priceOverrides array or an object with one`,
    );
  }
  const parsed = parsePriceOverrides(entries);
  if (!parsed.ok)
    throw new InputError(`--overrides ${priceList.overridesPath}:\n  ${parsed.problems.join('\n  ')}`);
  return parsed.overrides;
}

/** The ratios of the tokenizer families a model change involves, and the other caveats' inputs. */
function assumptionsOf(
  replay: StoredReplay,
  configured: Readonly<Record<string, number>>,
): WhatifAssumptions {
  const { plan } = replay;
  const families = new Set<string>();
  const hasModelChanges = plan.scenarios.some((scenario) => scenario.modelChanges.length > 0);
  if (hasModelChanges) {
    for (const scenario of plan.scenarios) {
      for (const change of scenario.modelChanges) if (change.family !== null) families.add(change.family);
    }
    for (const key of replay.sourceKeys) {
      const entry = plan.books.map((book) => book.models[key]).find((found) => found !== undefined);
      const family = entry === undefined ? null : tokenizerFamilyOf(entry.model, entry.provider);
      if (family !== null) families.add(family);
    }
  }
  const defaults: Readonly<Record<string, number>> = DEFAULT_TOKENIZER_RATIOS;
  const sorted = [...families].sort();
  return {
    tokenizerRatios: sorted.map((family) => ({ family, ratio: configured[family] ?? defaults[family] ?? 1 })),
    tokenizerRatiosAreDefaults: sorted.every((family) => configured[family] === undefined),
    hasModelChanges,
    hasCaching: plan.scenarios.some((scenario) => scenario.caches.length > 0),
    minCacheablePromptTokens: MIN_CACHEABLE_PROMPT_TOKENS,
    observedCacheHitRate: replay.observedCacheHitRate,
  };
}
