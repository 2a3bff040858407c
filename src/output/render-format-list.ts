import type { DisplayOptions } from './display-options.ts';
import { truncate } from './format-number.ts';

export interface FormatListItem {
  readonly format: string;
  readonly description: string;
  /** Where users get the export (a console page, an API endpoint), when the adapter says. */
  readonly obtainedFrom?: string;
  /** A sample: one line, or a CSV header and a row (newline-separated). */
  readonly example: string;
}

/**
 * `llmcost formats`: per format its name and description, where to get it, and an example (each of
 * its lines shortened to fit).
 */
export function renderFormatList(formats: readonly FormatListItem[], display: DisplayOptions): string {
  const nameWidth = Math.max(...formats.map((item) => item.format.length));
  const indent = ' '.repeat(nameWidth + 2);
  const textWidth = Math.max(20, display.width - nameWidth - 2);
  const lines = formats.flatMap((item) => [
    ...wrapWords(item.description, textWidth).map(
      (line, index) => `${index === 0 ? item.format.padEnd(nameWidth) + '  ' : indent}${line}`,
    ),
    ...(item.obtainedFrom === undefined
      ? []
      : wrapWords(`from: ${item.obtainedFrom}`, textWidth).map(
          (line, index) => `${indent}${index === 0 ? '' : '      '}${line}`,
        )),
    ...item.example
      .split('\n')
      .map(
        (line, index) =>
          `${' '.repeat(nameWidth)}  ${index === 0 ? 'e.g. ' : '     '}${truncate(line, Math.max(20, display.width - nameWidth - 7))}`,
      ),
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
