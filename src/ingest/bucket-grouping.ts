/**
 * The grouping of aggregate exports (usage and cost reports bucketed by time and grouped by some
 * dimensions), read back from their dedup keys (bucket-dedup-key.ts): `<prefix>:<start>-<end>:<dims>`.
 *
 * Two exports of one report grouped differently (by model, or by model and API key; daily or hourly
 * buckets) give different keys for the same usage, so dedup cannot catch them, and their rows are not
 * additive: storing both counts the usage twice. Ingest compares a new export's grouping with the
 * stored exports of the same report over the same time and refuses a different one.
 */

const BUCKET_KEY = /^(.+?):(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?):(.*)$/;

/** The parts of an aggregate row's dedup key. */
export interface BucketKey {
  /** The report: `anthropic-usage`, `openai-usage:completions`, … */
  readonly report: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Names of the grouping dimensions with a value in this row. */
  readonly dimensions: readonly string[];
}

/** The key's parts, or null for a key that is not an aggregate bucket's (request-level usage). */
export function readBucketKey(dedupKey: string): BucketKey | null {
  const match = BUCKET_KEY.exec(dedupKey);
  if (match === null) return null;
  const [, report = '', start = '', end = '', dimensionText = ''] = match;
  const dimensions = dimensionText === '(all)' ? [] : readDimensionNames(dimensionText);
  if (dimensions === null) return null;
  return { report, startMs: Number(start) * 1000, endMs: Number(end) * 1000, dimensions };
}

/** `name=<JSON value>,…` → the names; null when the text is not in that form. */
function readDimensionNames(text: string): string[] | null {
  const names: string[] = [];
  let at = 0;
  while (at < text.length) {
    const equals = text.indexOf('=', at);
    if (equals === -1) return null;
    names.push(text.slice(at, equals));
    at = equals + 1;
    if (text[at] === '"') {
      // A JSON string: skip to its closing quote (a backslash escapes the next character).
      at += 1;
      while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
      at += 1;
    } else {
      while (at < text.length && text[at] !== ',') at += 1;
    }
    if (at < text.length && text[at] !== ',') return null;
    at += 1;
  }
  return names;
}

/** How one file's (or one stored source's) rows of a report are grouped. */
export interface ReportGrouping {
  readonly report: string;
  /** Every grouping dimension that has a value in some row (a row whose value is null omits it). */
  readonly dimensions: ReadonlySet<string>;
  /** The bucket lengths seen, ms. */
  readonly bucketLengthsMs: ReadonlySet<number>;
  /** The buckets, as [start, end) ms. */
  readonly buckets: readonly (readonly [number, number])[];
}

/** Collects the grouping of the aggregate rows of one file, per report. */
export function collectGroupings(dedupKeys: Iterable<string>): ReportGrouping[] {
  const byReport = new Map<
    string,
    { dimensions: Set<string>; lengths: Set<number>; buckets: Map<string, [number, number]> }
  >();
  for (const dedupKey of dedupKeys) {
    const key = readBucketKey(dedupKey);
    if (key === null) continue;
    let grouping = byReport.get(key.report);
    if (grouping === undefined) {
      grouping = { dimensions: new Set(), lengths: new Set(), buckets: new Map() };
      byReport.set(key.report, grouping);
    }
    for (const dimension of key.dimensions) grouping.dimensions.add(dimension);
    grouping.lengths.add(key.endMs - key.startMs);
    grouping.buckets.set(`${key.startMs}-${key.endMs}`, [key.startMs, key.endMs]);
  }
  return [...byReport.entries()].map(([report, grouping]) => ({
    report,
    dimensions: grouping.dimensions,
    bucketLengthsMs: grouping.lengths,
    buckets: [...grouping.buckets.values()].sort((left, right) => left[0] - right[0]),
  }));
}

/** An export grouped differently from one already stored for the same report and time. */
export interface GroupingConflict {
  readonly report: string;
  readonly storedPath: string;
  readonly fileGrouping: string;
  readonly storedGrouping: string;
}

/**
 * The first stored source whose rows of the same report, over buckets overlapping the file's, are
 * grouped differently (other dimensions or other bucket lengths); null when none is.
 */
export function findGroupingConflict(
  file: ReportGrouping,
  stored: readonly { readonly path: string; readonly dedupKey: string }[],
): GroupingConflict | null {
  const keysByPath = new Map<string, string[]>();
  for (const { path, dedupKey } of stored) {
    const key = readBucketKey(dedupKey);
    if (key === null || key.report !== file.report || !overlapsAny(file.buckets, key)) continue;
    const keys = keysByPath.get(path) ?? [];
    keys.push(dedupKey);
    keysByPath.set(path, keys);
  }
  for (const [path, keys] of [...keysByPath.entries()].sort(([left], [right]) => (left < right ? -1 : 1))) {
    const [storedGrouping] = collectGroupings(keys);
    if (storedGrouping === undefined || isSameGrouping(file, storedGrouping)) continue;
    return {
      report: file.report,
      storedPath: path,
      fileGrouping: describeGrouping(file),
      storedGrouping: describeGrouping(storedGrouping),
    };
  }
  return null;
}

/**
 * Whether a key's bucket overlaps one of the buckets (sorted, disjoint: their ends ascend too, so only
 * the last one starting before the key's end can overlap it).
 */
function overlapsAny(buckets: readonly (readonly [number, number])[], key: BucketKey): boolean {
  let low = 0;
  let high = buckets.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((buckets[middle]?.[0] ?? Infinity) < key.endMs) low = middle + 1;
    else high = middle;
  }
  return (buckets[low - 1]?.[1] ?? -Infinity) > key.startMs;
}

function isSameGrouping(left: ReportGrouping, right: ReportGrouping): boolean {
  const sameSet = <T>(a: ReadonlySet<T>, b: ReadonlySet<T>) =>
    a.size === b.size && [...a].every((x) => b.has(x));
  return sameSet(left.dimensions, right.dimensions) && sameSet(left.bucketLengthsMs, right.bucketLengthsMs);
}

/** `by model, api_key_id; 1-day buckets`. */
export function describeGrouping(grouping: ReportGrouping): string {
  const dimensions = [...grouping.dimensions].sort();
  const lengths = [...grouping.bucketLengthsMs].sort((left, right) => left - right).map(describeLength);
  return `${dimensions.length === 0 ? 'not grouped' : `by ${dimensions.join(', ')}`}; ${lengths.join(' and ')} buckets`;
}

function describeLength(lengthMs: number): string {
  if (lengthMs % 86_400_000 === 0) return `${lengthMs / 86_400_000}-day`;
  if (lengthMs % 3_600_000 === 0) return `${lengthMs / 3_600_000}-hour`;
  return `${lengthMs / 60_000}-minute`;
}
