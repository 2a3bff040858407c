import { coordinate } from './chart-style.ts';
import { escapeHtml } from './escape-html.ts';
import { truncate } from './format-number.ts';

export interface BarChart {
  readonly title: string;
  readonly bars: readonly { readonly name: string; readonly value: number; readonly label: string }[];
  readonly color: string;
}

const WIDTH = 760;
const BAR_HEIGHT = 20;
const GAP = 8;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 110;
const NAME_CHARACTERS = 32;

/** Horizontal bars as inline SVG, largest first as given, each with its name and value label. */
export function renderBarChartSvg(chart: BarChart): string {
  const height = chart.bars.length * (BAR_HEIGHT + GAP) + GAP;
  const maxValue = Math.max(0, ...chart.bars.map((bar) => bar.value));
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const bars = chart.bars.map((bar, index) => {
    const top = GAP + index * (BAR_HEIGHT + GAP);
    const width = maxValue === 0 ? 0 : Math.max(1, (bar.value / maxValue) * span);
    const middle = coordinate(top + BAR_HEIGHT / 2 + 4);
    return (
      `<g><title>${escapeHtml(`${bar.name}: ${bar.label}`)}</title>` +
      `<text class="label" x="${LABEL_WIDTH - 8}" y="${middle}" text-anchor="end">${escapeHtml(truncate(bar.name, NAME_CHARACTERS))}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${top}" width="${coordinate(width)}" height="${BAR_HEIGHT}" fill="${chart.color}"/>` +
      `<text class="value" x="${coordinate(LABEL_WIDTH + width + 6)}" y="${middle}">${escapeHtml(bar.label)}</text></g>`
    );
  });
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(chart.title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeHtml(chart.title)}</title>`,
    ...bars,
    '</svg>',
  ].join('\n');
}
