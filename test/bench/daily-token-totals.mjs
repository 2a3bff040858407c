// Total tokens per day from each tool's JSON output, and how far two such series are apart.
// A speed comparison is only worth something if both tools counted the same tokens.
//
// "Total tokens" = input (uncached) + cache reads + cache writes (all TTLs) + output: the four
// disjoint classes both tools report. Reasoning tokens are part of output, so they are not added.

const DATE_KEYS = ['period', 'day', 'date', 'bucket', 'periodStart', 'start', 'startsAt', 'key'];

/** `{ 'YYYY-MM-DD': totalTokens }` from `ccusage … daily --json` (`{ daily: [{ date, …Tokens }] }`). */
export function dailyTotalsFromCcusage(json) {
  if (!Array.isArray(json?.daily)) throw new Error('ccusage JSON has no "daily" array');
  const totals = {};
  for (const day of json.daily) {
    totals[day.date] =
      (totals[day.date] ?? 0) +
      day.inputTokens +
      day.outputTokens +
      day.cacheCreationTokens +
      day.cacheReadTokens;
  }
  return totals;
}

function dayOfRow(row) {
  for (const key of DATE_KEYS) {
    const value = row[key];
    const text =
      typeof value === 'object' && value !== null ? (value.start ?? value.from ?? value.label) : value;
    if (typeof text === 'string' && /^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 10);
  }
  return null;
}

function tokensOfRow(row) {
  const number = (key) => (typeof row[key] === 'number' ? row[key] : 0);
  const cacheWrite =
    typeof row.cacheWriteTokens === 'number'
      ? row.cacheWriteTokens
      : number('cacheWrite5mTokens') + number('cacheWrite1hTokens');
  if (typeof row.inputTokens !== 'number' || typeof row.outputTokens !== 'number') return null;
  return row.inputTokens + number('cacheReadTokens') + cacheWrite + row.outputTokens;
}

/**
 * `{ 'YYYY-MM-DD': totalTokens }` from `llmcost report --by day [--group-by …] --format json`.
 * The report JSON contract (issue 2) fixes `rows` and the token names of `totals`; the name of a
 * row's period field is looked up among a few likely names, and a clear error says what was found.
 */
export function dailyTotalsFromLlmcost(json) {
  if (!Array.isArray(json?.rows)) throw new Error('llmcost report JSON has no "rows" array');
  const totals = {};
  for (const row of json.rows) {
    const day = dayOfRow(row);
    const tokens = tokensOfRow(row);
    if (day === null || tokens === null) {
      throw new Error(
        `cannot read the day and token counts of a report row; its keys are: ${Object.keys(row).join(', ')}`,
      );
    }
    totals[day] = (totals[day] ?? 0) + tokens;
  }
  return totals;
}

/** `{ 'YYYY-MM-DD': totalTokens }` from a generator manifest's `days` (ground truth). */
export function dailyTotalsFromManifest(manifest) {
  const totals = {};
  for (const [day, t] of Object.entries(manifest.days)) {
    totals[day] =
      t.inputTokens + t.outputTokens + (t.cacheCreationTokens ?? t.cacheWriteTokens) + t.cacheReadTokens;
  }
  return totals;
}

/**
 * Largest relative difference over the union of days (a day missing on one side counts as 1),
 * plus the worst day and the grand totals, for the report.
 */
export function compareDailyTotals(left, right) {
  let maxRelativeDifference = 0;
  let worstDay = null;
  let leftTotal = 0;
  let rightTotal = 0;
  for (const day of new Set([...Object.keys(left), ...Object.keys(right)])) {
    const a = left[day] ?? 0;
    const b = right[day] ?? 0;
    leftTotal += a;
    rightTotal += b;
    const difference = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    if (difference > maxRelativeDifference) {
      maxRelativeDifference = difference;
      worstDay = { day, left: a, right: b };
    }
  }
  return {
    maxRelativeDifference,
    worstDay,
    leftTotal,
    rightTotal,
    days: new Set([...Object.keys(left), ...Object.keys(right)]).size,
  };
}
