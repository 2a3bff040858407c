/** A count, exact, with thousands separators (`12,345`). */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** A count in at most about six columns (`950`, `12,345`, `123k`, `1.23M`), for columns too narrow for exact. */
export function formatCompactCount(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude < 100_000) return value.toLocaleString('en-US');
  const units: readonly [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (magnitude >= size) {
      const scaled = value / size;
      return `${scaled.toFixed(Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2)}${suffix}`;
    }
  }
  return String(value);
}

/** Shortens text to `width` columns with an ellipsis. */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(1, width - 1))}…`;
}

/** Shortens text to `width` columns keeping both ends (`/home/ada/…/shop-api`), for ids and paths. */
export function truncateMiddle(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width < 5) return truncate(text, width);
  const head = Math.ceil((width - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (width - 1 - head))}`;
}

/** `1 request`, `2 requests`, `12,345 tokens`: counts in prose, exact. */
export function pluralize(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** Breaks text into lines of at most `width` columns at spaces, continuing lines with `indent`. */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let current = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const prefix = lines.length === 0 ? '' : indent;
    if (current.trim() !== '' && prefix.length + current.length + 1 + word.length > width) {
      lines.push(prefix + current);
      current = word;
    } else {
      current = current.trim() === '' ? current + word : `${current} ${word}`;
    }
  }
  lines.push((lines.length === 0 ? '' : indent) + current);
  return lines;
}

/** A share (0–1) as a percentage with one decimal (`12.5%`), half away from zero. */
export function formatPercent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** A request count that may be partly unknown: `3 requests`, `? requests`, `3+? requests`. */
export function requestCountText(known: number, unknownRecords: number): string {
  if (unknownRecords === 0) return pluralize(known, 'request');
  return known === 0 ? '? requests' : `${formatCount(known)}+? requests`;
}
