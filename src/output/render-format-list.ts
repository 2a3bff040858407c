import type { DisplayOptions } from './display-options.ts';
import { truncate } from './format-number.ts';

export interface FormatListItem {
  readonly format: string;
  readonly description: string;
  readonly example: string;
}

/** `llmcost formats`: name, description and an example line (shortened to fit) per format. */
export function renderFormatList(formats: readonly FormatListItem[], display: DisplayOptions): string {
  const nameWidth = Math.max(...formats.map((item) => item.format.length));
  const lines = formats.flatMap((item) => [
    `${item.format.padEnd(nameWidth)}  ${item.description}`,
    `${' '.repeat(nameWidth)}  e.g. ${truncate(item.example, Math.max(20, display.width - nameWidth - 7))}`,
  ]);
  return `${lines.join('\n')}\n\nPass one with --from <format>, or leave --from auto to detect it per file.\n`;
}
