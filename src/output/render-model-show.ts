import Papa from 'papaparse';
import { modelRetirement } from '../pricing/model-retirement.ts';
import type { MatchRules, PricePeriod, PriceSet } from '../pricing/price-book.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatMicrosAsUsd, formatMicrosExact } from './format-money.ts';
import { describeRetirement } from './describe-retirement.ts';
import { formatCount, truncate, wrapText } from './format-number.ts';
import type { ShownModel } from './pricing-json.ts';

const PRICE_LABELS: readonly (readonly [keyof PriceSet, string, string])[] = [
  ['input', 'input', ''],
  ['output', 'output', ''],
  ['cacheRead', 'cache read', ''],
  ['cacheWrite5m', 'cache write 5m', ''],
  ['cacheWrite1h', 'cache write 1h', ''],
  ['reasoning', 'reasoning', ''],
  ['requestFee', 'per request', ''],
  ['webSearchPer1k', 'web search', ' per 1k'],
];

/** `input $3.00, output $15.00, …`: every price a set states, in a fixed order. */
export function describePriceSet(prices: PriceSet): string {
  return PRICE_LABELS.flatMap(([field, label, suffix]) => {
    const value = prices[field];
    return value === undefined ? [] : [`${label} ${formatMicrosAsUsd(value)}${suffix}`];
  }).join(', ');
}

/**
 * `pricing show` as text: the entry (key, name, provider, batch multiplier, context window, match
 * rules), then every price period, oldest first, with its tiers and clock windows; the period in effect
 * at the shown date is marked.
 */
export function renderModelShowText(shown: ShownModel, display: DisplayOptions): string {
  const { entry } = shown;
  const facts: [string, string][] = [
    ['provider', `${entry.provider}${shown.providerName === null ? '' : ` (${shown.providerName})`}`],
    ['batch', describeBatch(shown)],
    [
      'context window',
      entry.contextWindow === undefined ? 'unknown' : `${formatCount(entry.contextWindow)} tokens`,
    ],
    ['matches', describeMatch({ ...entry.match, pattern: undefined })],
  ];
  const retirement = describeRetirement(modelRetirement(shown.entry, shown.day));
  if (retirement !== null) facts.splice(3, 0, ['retirement', retirement]);
  if (entry.match.pattern !== undefined)
    facts.push(['pattern', truncate(`/${entry.match.pattern}/`, Math.max(20, display.width - 18))]);
  if (shown.query.model.toLowerCase() !== shown.key.toLowerCase())
    facts.push([
      'looked up as',
      `${shown.query.provider === null ? '' : `${shown.query.provider}: `}${shown.query.model}`,
    ]);
  const labelWidth = Math.max(...facts.map(([label]) => label.length));
  const lines = [
    `${shown.key}: ${entry.name}`,
    ...facts.flatMap(([label, value]) =>
      wrapText(`  ${label.padEnd(labelWidth)}  ${value}`, display.width, ' '.repeat(labelWidth + 4)),
    ),
    '',
    `Price periods, oldest first (USD per 1M tokens; web search per 1,000 searches):`,
  ];
  entry.periods.forEach((period, index) => {
    const marker = index === shown.periodInEffect ? `  <- in effect on ${shown.at}` : '';
    lines.push('', `from ${period.effectiveFrom} (${period.layer})${marker}`);
    if (period.citation !== undefined)
      lines.push(...wrapText(`    source: ${period.citation}`, display.width, '      '));
    for (const [label, prices] of pricedParts(period))
      lines.push(...wrapText(`    ${label}${describePriceSet(prices)}`, display.width, '      '));
  });
  if (shown.periodInEffect === null)
    lines.push('', `No period is in effect on ${shown.at}: usage before the first period is unpriced.`);
  lines.push('', `Price book ${shown.priceBookVersion}.`);
  return `${lines.join('\n')}\n`;
}

export function renderModelShowMarkdown(shown: ShownModel): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const { entry } = shown;
  const retirement = describeRetirement(modelRetirement(shown.entry, shown.day));
  const lines = [
    `### ${shown.key}: ${entry.name}`,
    '',
    `- provider: ${entry.provider}${shown.providerName === null ? '' : ` (${shown.providerName})`}`,
    `- batch: ${describeBatch(shown)}`,
    `- context window: ${entry.contextWindow === undefined ? 'unknown' : `${formatCount(entry.contextWindow)} tokens`}`,
    ...(retirement === null ? [] : [`- retirement: ${retirement}`]),
    `- matches: ${describeMatch(entry.match)}`,
    '',
    '| From | Layer | Applies | Prices (USD per 1M tokens) | In effect |',
    '| --- | --- | --- | --- | --- |',
  ];
  entry.periods.forEach((period, index) => {
    for (const [label, prices] of pricedParts(period)) {
      const cells = [
        period.effectiveFrom,
        period.layer,
        label === '' ? 'always' : label.replace(/: $/, ''),
        describePriceSet(prices),
        index === shown.periodInEffect ? `yes (${shown.at})` : '',
      ];
      lines.push(`| ${cells.map(escape).join(' | ')} |`);
    }
  });
  lines.push('', `Price book ${shown.priceBookVersion}.`);
  return `${lines.join('\n')}\n`;
}

/** One CSV row per price set: each period's base prices, tiers and clock windows, exact decimal dollars. */
export function renderModelShowCsv(shown: ShownModel): string {
  const fields = [
    'key',
    'effective_from',
    'layer',
    'applies',
    'in_effect',
    ...PRICE_LABELS.map(([field]) => `${field.replace(/[A-Z0-9]+/g, (m) => `_${m.toLowerCase()}`)}_usd`),
    'citation',
  ];
  const data = shown.entry.periods.flatMap((period, index) =>
    pricedParts(period).map(([label, prices]) => [
      shown.key,
      period.effectiveFrom,
      period.layer,
      label === '' ? 'always' : label.replace(/: $/, ''),
      index === shown.periodInEffect,
      ...PRICE_LABELS.map(([field]) => {
        const value = prices[field];
        return value === undefined ? '' : formatMicrosExact(value);
      }),
      period.citation ?? '',
    ]),
  );
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}

/** A period's price sets with what they apply to: base prices, then each tier, then each clock window. */
function pricedParts(period: PricePeriod): [string, PriceSet][] {
  return [
    ['', period.prices],
    ...(period.tiers ?? []).map((tier): [string, PriceSet] => [
      `above ${formatCount(tier.aboveInputTokens)} prompt tokens the whole request: `,
      tier.prices,
    ]),
    ...(period.timeOfDay ?? []).map((window): [string, PriceSet] => [
      `daily ${window.fromUtc}-${window.toUtc} UTC: `,
      window.prices,
    ]),
  ];
}

function describeBatch(shown: ShownModel): string {
  const batch = shown.batchMultiplier;
  if (batch === null) return `no batch price for ${shown.entry.provider} (batch usage is unpriced)`;
  return `${batch.numerator}/${batch.denominator} of the token price (provider's batch multiplier)`;
}

function describeMatch(
  match: Omit<MatchRules, 'pattern'> & { readonly pattern?: string | undefined },
): string {
  const parts = [
    ...(match.exact.length > 0 ? [`ids ${match.exact.join(', ')}`] : []),
    ...(match.prefixes.length > 0 ? [`prefixes ${match.prefixes.join(', ')}`] : []),
    ...(match.pattern === undefined ? [] : [`pattern /${match.pattern}/`]),
  ];
  return parts.length === 0 ? 'its canonical id only' : `${parts.join('; ')}; and its canonical id`;
}
