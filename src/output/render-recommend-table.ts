import type { RecommendView } from '../optimizer/recommendations/recommend-view.ts';
import type { DisplayOptions } from './display-options.ts';
import { wrapText } from './format-number.ts';
import { recommendationDetails, recommendationNotes, recommendationTable } from './recommend-rows.ts';
import { renderPlainTable } from './render-plain-table.ts';

/** `llmcost recommend` for a terminal: the ranked table, why each, then the notes. */
export function renderRecommendTable(view: RecommendView, display: DisplayOptions): string {
  const notes = recommendationNotes(view).flatMap((note) => wrapText(note, display.width, '  '));
  if (view.recommendations.length === 0)
    return `No recommendations for this usage: nothing found that saves money.\n${notes.slice(-1).join('\n')}\n`;
  const details = recommendationDetails(view).flatMap(({ title, body }) => [
    ...wrapText(title, display.width, '    '),
    ...wrapText(`   ${body}`, display.width, '   '),
  ]);
  return `${renderPlainTable(recommendationTable(view), display)}\n${details.join('\n')}\n\n${notes.join('\n')}\n`;
}
