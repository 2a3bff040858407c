import type { TokenMix } from './report-chart-data.ts';
import { coordinate } from './chart-style.ts';
import { escapeHtml } from './escape-html.ts';
import { formatCount, truncate } from './format-number.ts';

/** The token classes in billing order, with their colours. */
export const TOKEN_CLASSES = [
  { key: 'input', name: 'Input', color: '#0072b2' },
  { key: 'cacheRead', name: 'Cache read', color: '#56b4e9' },
  { key: 'cacheWrite', name: 'Cache write', color: '#e69f00' },
  { key: 'output', name: 'Output', color: '#d55e00' },
] as const;

const WIDTH = 760;
const BAR_HEIGHT = 22;
const GAP = 10;
const LABEL_WIDTH = 170;
const RIGHT = 12;
const MIN_LABELLED_WIDTH = 38;

/** One 100 % stacked bar per row: the share of each token class, with its percentage where it fits. */
export function renderTokenMixSvg(title: string, mixes: readonly TokenMix[]): string {
  const height = mixes.length * (BAR_HEIGHT + GAP) + GAP;
  const span = WIDTH - LABEL_WIDTH - RIGHT;
  const rows = mixes.map((mix, index) => {
    const top = GAP + index * (BAR_HEIGHT + GAP);
    const total = TOKEN_CLASSES.reduce((sum, tokenClass) => sum + mix[tokenClass.key], 0);
    let left = LABEL_WIDTH;
    const segments = TOKEN_CLASSES.map((tokenClass) => {
      const tokens = mix[tokenClass.key];
      const width = total === 0 ? 0 : (tokens / total) * span;
      const share = total === 0 ? 0 : (tokens / total) * 100;
      const segment =
        `<rect x="${coordinate(left)}" y="${top}" width="${coordinate(width)}" height="${BAR_HEIGHT}" fill="${tokenClass.color}">` +
        `<title>${escapeHtml(`${mix.name}: ${tokenClass.name} ${formatCount(tokens)} tokens (${share.toFixed(1)}%)`)}</title></rect>` +
        (width >= MIN_LABELLED_WIDTH
          ? `<text class="in-bar" x="${coordinate(left + width / 2)}" y="${coordinate(top + BAR_HEIGHT / 2 + 4)}" text-anchor="middle">${share.toFixed(0)}%</text>`
          : '');
      left += width;
      return segment;
    });
    return (
      `<text class="label" x="${LABEL_WIDTH - 8}" y="${coordinate(top + BAR_HEIGHT / 2 + 4)}" text-anchor="end">${escapeHtml(truncate(mix.name, 24))}</text>` +
      segments.join('')
    );
  });
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeHtml(title)}</title>`,
    ...rows,
    '</svg>',
  ].join('\n');
}
