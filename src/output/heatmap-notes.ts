import type { SpendHeatmap } from '../analysis/bin-spend-by-weekday-hour.ts';
import { COST_MODE_DESCRIPTIONS } from '../model/cost-mode.ts';
import { pluralize } from './format-number.ts';

/** The notes under the heatmap in the terminal and Markdown: cost mode, unpriced usage, currency, stamp. */
export function heatmapFootnotes(heatmap: SpendHeatmap): string[] {
  const notes: string[] = [];
  if (heatmap.costMode !== 'list') {
    notes.push(`Cost: ${COST_MODE_DESCRIPTIONS[heatmap.costMode]} (--cost ${heatmap.costMode}).`);
  }
  if (heatmap.unpricedRecords > 0) {
    const lacking = heatmap.costMode === 'reported' ? 'a stated cost' : 'a price';
    notes.push(
      `Left out for lack of ${lacking}: ${pluralize(heatmap.unpricedRecords, 'record')} (${[...new Set(heatmap.unpriced.map((item) => `${item.provider}/${item.model}`))].join(', ')}); llmcost report lists why.`,
    );
  }
  const { exchange, stamp } = heatmap;
  if (exchange !== null) {
    notes.push(
      `Amounts in ${exchange.currency}, converted from USD per day at ${pluralize(exchange.ratesUsed, 'rate')} in ${exchange.source}.`,
    );
  }
  notes.push(
    `Stamp ${stamp.hash} (pricing ${stamp.pricingVersions.join(', ') || 'none'}; ${pluralize(stamp.sources, 'source')}).`,
  );
  return notes;
}
