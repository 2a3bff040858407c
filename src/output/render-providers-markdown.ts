import type { ProviderComparison } from '../analysis/compare-providers.ts';
import { formatCount } from './format-number.ts';
import { escapeMarkdownText, renderMarkdownTable } from './render-markdown-table.ts';
import { providerColumns, providerFootnotes } from './providers-columns.ts';

/** The provider / model comparison as GitHub-flavoured Markdown, totals in bold, then the footnotes. */
export function renderProvidersMarkdown(comparison: ProviderComparison): string {
  const table = renderMarkdownTable(providerColumns(comparison, formatCount, 'flat'));
  const notes = providerFootnotes(comparison).map(escapeMarkdownText);
  return `${table}\n${notes.map((note) => `${note.trimStart() === note ? '' : '- '}${note.trim()}`).join('\n')}\n`;
}
