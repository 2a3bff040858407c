import type { PlainTable } from './render-plain-table.ts';

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');

/** A GitHub-flavoured Markdown table of the same cells as the terminal table, footer in bold. */
export function renderMarkdownTable(table: PlainTable): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const lines = [
    line(table.head),
    `| ${table.head.map((_, index) => (table.align[index] === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...table.rows.map(line),
  ];
  if (table.footer !== undefined)
    lines.push(line(table.footer.map((cell) => (cell === '' ? '' : `**${cell}**`))));
  return `${lines.join('\n')}\n`;
}

/** Markdown text outside a table: `|` and a leading `*` would otherwise be markup. */
export function escapeMarkdownText(text: string): string {
  return escapeCell(text.replace(/^\* /, '\\* '));
}
