import type { UnpricedExplanation } from '../pricing/explain-unpriced.ts';
import type { DisplayOptions } from './display-options.ts';
import { pluralize, requestCountText, wrapText } from './format-number.ts';

/** `pricing check` for people: each unpriced model with why, what was tried, and the fix. */
export function renderPricingCheckText(
  explanations: readonly UnpricedExplanation[],
  display: DisplayOptions,
): string {
  if (explanations.length === 0) return 'Every stored record has a price.\n';
  const records = explanations.reduce((sum, item) => sum + item.records, 0);
  const tokens = explanations.reduce((sum, item) => sum + item.tokens, 0);
  const models = new Set(explanations.map((item) => `${item.provider}/${item.model}`)).size;
  const lines = [
    `${pluralize(models, 'model')} with usage that has no price: ${pluralize(records, 'record')}, ${pluralize(tokens, 'token')} left out of list costs.`,
  ];
  for (const item of explanations) {
    lines.push(
      '',
      `${item.provider}/${item.model}: ${pluralize(item.records, 'record')}, ${requestCountText(item.requests, item.requestsUnknown)}, ${pluralize(item.tokens, 'token')}`,
    );
    const detail = [
      `why: ${item.reason}`,
      item.matchesNow === null
        ? `tried: ${item.triedIds.join(', ')}; no entry matches`
        : `matches now: ${item.matchesNow}`,
      ...(item.suggestions.length > 0 ? [`nearest known: ${item.suggestions.join(', ')}`] : []),
      `fix: ${item.fix}`,
    ];
    for (const text of detail) lines.push(...wrapText(`  ${text}`, display.width, '    '));
  }
  return `${lines.join('\n')}\n`;
}

export function renderPricingCheckJson(explanations: readonly UnpricedExplanation[]): string {
  return `${JSON.stringify({ unpriced: explanations }, null, 2)}\n`;
}
