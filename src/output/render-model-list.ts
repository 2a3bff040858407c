import Papa from 'papaparse';
import type { ModelListRow } from '../pricing/list-models.ts';
import type { PriceSet } from '../pricing/price-book.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatMicrosAsUsd, formatMicrosExact } from './format-money.ts';
import { formatCount, wrapText } from './format-number.ts';
import { renderPlainTable } from './render-plain-table.ts';

export interface ModelListMeta {
  /** `YYYY-MM-DD` or ISO instant the prices are taken at. */
  readonly at: string;
  readonly priceBookVersion: string;
}

const TOKEN_PRICES = [
  ['input', 'Input'],
  ['output', 'Output'],
  ['cacheRead', 'Cache rd'],
  ['cacheWrite5m', 'Cache 5m'],
  ['cacheWrite1h', 'Cache 1h'],
] as const;

const price = (prices: PriceSet | null, field: keyof PriceSet): string => {
  const value = prices?.[field];
  return value === undefined ? '-' : formatMicrosAsUsd(value);
};

/**
 * `pricing list` as a terminal table: the key shortened in the middle to fit, context window, the five
 * token prices in $ per 1M tokens, the number of periods and `yes` for long-context tiers. The name and
 * the optional prices (reasoning, fees, web search) are in the JSON, CSV and Markdown forms.
 */
export function renderModelListTable(
  rows: readonly ModelListRow[],
  meta: ModelListMeta,
  display: DisplayOptions,
): string {
  const head = ['Model', 'Context', ...TOKEN_PRICES.map(([, heading]) => heading), 'Periods', 'Tiers'];
  const cells = rows.map((row) => [
    row.key,
    row.entry.contextWindow === undefined ? '-' : formatCount(row.entry.contextWindow),
    ...TOKEN_PRICES.map(([field]) => price(row.prices, field)),
    String(row.periodCount),
    row.hasLongContextTiers ? 'yes' : '',
  ]);
  const table = renderPlainTable(
    {
      head,
      rows: cells,
      align: head.map((_, index) => (index === 0 || index === head.length - 1 ? 'left' : 'right')),
      shrinkable: [0],
    },
    display,
  );
  return `${table}\n${wrapText(footer(rows, meta), display.width).join('\n')}\n`;
}

export function renderModelListMarkdown(rows: readonly ModelListRow[], meta: ModelListMeta): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const head = [
    'Model',
    'Name',
    'Context',
    ...TOKEN_PRICES.map(([, heading]) => heading),
    'Periods',
    'Tiers',
  ];
  const line = (cells: readonly string[]): string => `| ${cells.map(escape).join(' | ')} |`;
  return [
    line(head),
    `| --- | --- | ${head
      .slice(2, -1)
      .map(() => '---:')
      .join(' | ')} | --- |`,
    ...rows.map((row) =>
      line([
        row.key,
        row.entry.name,
        row.entry.contextWindow === undefined ? '-' : formatCount(row.entry.contextWindow),
        ...TOKEN_PRICES.map(([field]) => price(row.prices, field)),
        String(row.periodCount),
        row.hasLongContextTiers ? 'yes' : '',
      ]),
    ),
    '',
    footer(rows, meta),
    '',
  ].join('\n');
}

/** CSV with exact decimal dollars; empty cells where a model has no such price (or none at the date). */
export function renderModelListCsv(rows: readonly ModelListRow[]): string {
  const exact = (prices: PriceSet | null, field: keyof PriceSet): string => {
    const value = prices?.[field];
    return value === undefined ? '' : formatMicrosExact(value);
  };
  const fields = [
    'provider',
    'model',
    'name',
    'context_window',
    'input_usd_per_mtok',
    'output_usd_per_mtok',
    'cache_read_usd_per_mtok',
    'cache_write_5m_usd_per_mtok',
    'cache_write_1h_usd_per_mtok',
    'reasoning_usd_per_mtok',
    'request_fee_usd',
    'web_search_usd_per_1k',
    'periods',
    'long_context_tiers',
  ];
  const data = rows.map((row) => [
    row.entry.provider,
    row.entry.model,
    row.entry.name,
    row.entry.contextWindow ?? '',
    ...(
      ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'reasoning', 'requestFee'] as const
    ).map((field) => exact(row.prices, field)),
    exact(row.prices, 'webSearchPer1k'),
    row.periodCount,
    row.hasLongContextTiers,
  ]);
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}

function footer(rows: readonly ModelListRow[], meta: ModelListMeta): string {
  const count = `${formatCount(rows.length)} model${rows.length === 1 ? '' : 's'}`;
  return `${count}; prices in USD per 1M tokens in effect on ${meta.at}; price book ${meta.priceBookVersion}.`;
}
