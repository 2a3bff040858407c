import Papa from 'papaparse';
import type { RepriceRow, RepriceSummary } from '../analysis/summarize-reprice.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatMoney, formatAmountExact } from './format-money.ts';
import { formatCount, pluralize } from './format-number.ts';
import { renderMarkdownTable } from './render-markdown-table.ts';
import { renderPlainTable, type PlainTable } from './render-plain-table.ts';
import { picoToNumber } from '../model/money.ts';

/** What a reprice run was: its scope and the pricing it applied. */
export interface RepriceRun {
  readonly isDryRun: boolean;
  readonly pricingVersion: string;
  /** ISO instant, or null for all history. */
  readonly since: string | null;
  readonly examined: number;
  readonly timeZone: string;
}

const MAX_TABLE_ROWS = 40;

function deltaText(row: Pick<RepriceRow, 'beforePico' | 'afterPico'>): string {
  const delta = row.afterPico - row.beforePico;
  return delta > 0n ? `+${formatMoney(delta, 'USD')}` : formatMoney(delta, 'USD');
}

/** One sentence: what changed, or that nothing did. */
function headline(summary: RepriceSummary, run: RepriceRun): string {
  const scope = run.since === null ? 'all stored usage' : `usage since ${run.since}`;
  const { totals } = summary;
  if (totals.records === 0) {
    return `Nothing to reprice: ${pluralize(run.examined, 'record')} of ${scope} already cost the same under ${run.pricingVersion}.`;
  }
  const verb = run.isDryRun ? 'would change' : 'changed';
  const extra = [
    totals.newlyPriced > 0 ? `${formatCount(totals.newlyPriced)} newly priced` : '',
    totals.newlyUnpriced > 0 ? `${formatCount(totals.newlyUnpriced)} newly unpriced` : '',
  ].filter((text) => text !== '');
  return (
    `Repricing ${verb} ${pluralize(totals.records, 'record')} of ${formatCount(run.examined)} in ${scope}: ` +
    `${formatMoney(totals.beforePico, 'USD')} → ${formatMoney(totals.afterPico, 'USD')} (${deltaText(totals)})` +
    `${extra.length > 0 ? `; ${extra.join(', ')}` : ''}.`
  );
}

function repriceTable(summary: RepriceSummary, shown: readonly RepriceRow[]): PlainTable {
  return {
    head: ['Day', 'Model', 'Records', 'Before', 'After', 'Change'],
    rows: shown.map((row) => [
      row.day,
      `${row.provider}/${row.model}`,
      formatCount(row.records),
      formatMoney(row.beforePico, 'USD'),
      formatMoney(row.afterPico, 'USD'),
      deltaText(row),
    ]),
    footer: [
      'Total',
      '',
      formatCount(summary.totals.records),
      formatMoney(summary.totals.beforePico, 'USD'),
      formatMoney(summary.totals.afterPico, 'USD'),
      deltaText(summary.totals),
    ],
    align: ['left', 'left', 'right', 'right', 'right', 'right'],
    shrinkable: [1],
  };
}

/** The per-day, per-model differences as a table, with a headline and what to do next. */
export function renderRepriceTable(
  summary: RepriceSummary,
  run: RepriceRun,
  display: DisplayOptions,
): string {
  const lines = [headline(summary, run)];
  if (summary.rows.length === 0) return `${lines.join('\n')}\n`;
  const shown = summary.rows.slice(0, MAX_TABLE_ROWS);
  lines.push('', renderPlainTable(repriceTable(summary, shown), display).trimEnd());
  if (summary.rows.length > shown.length) {
    lines.push(`(${formatCount(summary.rows.length - shown.length)} more rows: use --format json or csv)`);
  }
  lines.push(
    '',
    `Days in ${run.timeZone}. Before and After are list costs of the changed records (unpriced counts as $0 here).`,
    run.isDryRun
      ? 'Dry run: nothing was written. Run without --dry-run to store these costs.'
      : `Stored costs now carry pricing ${run.pricingVersion}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** The same for a PR comment or a wiki page: headline, then every row as a Markdown table. */
export function renderRepriceMarkdown(summary: RepriceSummary, run: RepriceRun): string {
  const text = headline(summary, run);
  if (summary.rows.length === 0) return `${text}\n`;
  return `${text}\n\n${renderMarkdownTable(repriceTable(summary, summary.rows))}`;
}

/** The same as JSON: exact decimal strings and pico-dollar integers, dollars as numbers for convenience. */
export function renderRepriceJson(summary: RepriceSummary, run: RepriceRun): string {
  const money = (pico: bigint) => ({
    usd: picoToNumber(pico),
    exact: formatAmountExact(pico),
    picoUsd: pico.toString(),
  });
  const row = (values: Omit<RepriceRow, 'day' | 'provider' | 'model'>) => ({
    records: values.records,
    before: money(values.beforePico),
    after: money(values.afterPico),
    change: money(values.afterPico - values.beforePico),
    newlyPriced: values.newlyPriced,
    newlyUnpriced: values.newlyUnpriced,
  });
  const json = {
    dryRun: run.isDryRun,
    pricingVersion: run.pricingVersion,
    since: run.since,
    timeZone: run.timeZone,
    examined: run.examined,
    totals: row(summary.totals),
    rows: summary.rows.map((values) => ({
      day: values.day,
      provider: values.provider,
      model: values.model,
      ...row(values),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** CSV for spreadsheets: one row per day and model, exact decimal dollars. */
export function renderRepriceCsv(summary: RepriceSummary): string {
  const fields = [
    'day',
    'provider',
    'model',
    'records',
    'before_usd',
    'after_usd',
    'change_usd',
    'newly_priced',
    'newly_unpriced',
  ];
  const data = summary.rows.map((row) => [
    row.day,
    row.provider,
    row.model,
    row.records,
    formatAmountExact(row.beforePico),
    formatAmountExact(row.afterPico),
    formatAmountExact(row.afterPico - row.beforePico),
    row.newlyPriced,
    row.newlyUnpriced,
  ]);
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}
