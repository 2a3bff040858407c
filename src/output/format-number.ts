/** Token and request counts for tables: exact with separators below 100k, compact above (1.23M). */
export function formatCount(value: number): string {
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
