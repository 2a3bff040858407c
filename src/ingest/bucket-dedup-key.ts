/** A grouping dimension of an aggregate row and its value; null when the row is not split by it. */
export type BucketDimension = readonly [name: string, value: string | boolean | null];

/**
 * Dedup key of one aggregate row: `<prefix>:<start>-<end>:<dimension>=<value>,…`, bounds in Unix
 * seconds, values JSON-quoted (so a comma or `=` inside one cannot imitate a separator), dimensions
 * without a value left out, `(all)` when none has one.
 *
 * The dimensions are the row's grouping as it shows in the row: a re-export of the same period and
 * grouping, in any file or page layout, gives the same keys (and adds nothing), while an export
 * grouped differently gives different ones instead of colliding with rows it does not describe.
 * Limit: a row whose grouped dimension is null (the default workspace, Console usage without a key)
 * reads like a row of an export not grouped by it; such exports overlap anyway (FORMATS.md §1.6).
 */
export function bucketDedupKey(
  prefix: string,
  startMs: number,
  endMs: number,
  dimensions: readonly BucketDimension[],
): string {
  const parts: string[] = [];
  for (const [name, value] of dimensions) {
    if (value !== null) parts.push(`${name}=${JSON.stringify(value)}`);
  }
  return `${prefix}:${unixSeconds(startMs)}-${unixSeconds(endMs)}:${parts.length === 0 ? '(all)' : parts.join(',')}`;
}

function unixSeconds(ms: number): string {
  return String(ms / 1000);
}

/** The named grouping dimensions of an aggregate row that have a value, as record tags (text). */
export function dimensionTags<Name extends string>(
  names: readonly Name[],
  valueOf: (name: Name) => string | boolean | null | undefined,
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const name of names) {
    const value = valueOf(name);
    if (typeof value === 'string') tags[name] = value;
  }
  return tags;
}
