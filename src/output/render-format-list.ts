import type { DisplayOptions } from './display-options.ts';
import { truncate } from './format-number.ts';

export interface FormatListItem {
  readonly format: string;
  readonly description: string;
  readonly example: string;
}

/**
 * `llmcost formats`: name, description and an example (shortened to fit) per format. A multi-line
 * example (a CSV header and a row) keeps its lines, aligned under the first.
 */
export function renderFormatList(formats: readonly FormatListItem[], display: DisplayOptions): string {
  const nameWidth = Math.max(...formats.map((item) => item.format.length));
  const indent = ' '.repeat(nameWidth + 2);
  const exampleWidth = Math.max(20, display.width - nameWidth - 7);
  const lines = formats.flatMap((item) => [
    ...wrapWords(item.description, Math.max(20, display.width - nameWidth - 2)).map(
      (line, index) => `${index === 0 ? item.format.padEnd(nameWidth) + '  ' : indent}${line}`,
    ),
    ...item.example
      .split('\n')
      .map((line, index) => `${indent}${index === 0 ? 'e.g. ' : '     '}${truncate(line, exampleWidth)}`),
  ]);
  return `${lines.join('\n')}\n\nPass one with --from <format>, or leave --from auto to detect it per file.\n`;
}

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  return [...lines, current];
}
