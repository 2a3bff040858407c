import type { RecommendView } from '../optimizer/recommendations/recommend-view.ts';
import { recommendationDetails, recommendationNotes, recommendationTable } from './recommend-rows.ts';
import { escapeMarkdownText, renderMarkdownTable } from './render-markdown-table.ts';

/** `llmcost recommend --format md`: the table, why each (a list), the notes. */
export function renderRecommendMarkdown(view: RecommendView): string {
  const notes = recommendationNotes(view).map((note) => `- ${escapeMarkdownText(note)}`);
  if (view.recommendations.length === 0)
    return `No recommendations for this usage: nothing found that saves money.\n\n${notes.join('\n')}\n`;
  const details = recommendationDetails(view).map(
    ({ title, body }) => `- **${escapeMarkdownText(title)}**: ${escapeMarkdownText(body)}`,
  );
  return `${renderMarkdownTable(recommendationTable(view))}\n${details.join('\n')}\n\n${notes.join('\n')}\n`;
}
