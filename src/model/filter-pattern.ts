/**
 * Filter values (`--where`, budget scopes, team rules) match exactly, except that `*` matches any run
 * of characters: `model=gpt-4o*` holds for `gpt-4o` and `gpt-4o-2024-08-06`. Nothing else is special.
 */

/** Whether a filter value holds a `*` wildcard. */
export function isFilterPattern(pattern: string): boolean {
  return pattern.includes('*');
}

/** Whether `value` matches the filter value `pattern` (exactly, or by its `*` wildcards). */
export function matchesFilterValue(pattern: string, value: string | null): boolean {
  return value !== null && compileFilterPattern(pattern)(value);
}

/** A test of values against one filter value, compiled once for use on many values. */
export function compileFilterPattern(pattern: string): (value: string) => boolean {
  if (!isFilterPattern(pattern)) return (value) => value === pattern;
  const parts = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const expression = new RegExp(`^${parts.join('[\\s\\S]*')}$`);
  return (value) => expression.test(value);
}

/** The SQLite GLOB pattern of a filter value: `*` stays a wildcard, `?` and `[` are matched literally. */
export function toSqliteGlob(pattern: string): string {
  return pattern.replace(/[?[]/g, (character) => `[${character}]`);
}

/**
 * Whether every value `inner` matches also matches `outer` (used to tell that a child budget keeps its
 * parent's scope). Exact for plain values and for a pattern within an identical pattern; a pattern
 * inside a different pattern is judged by the inner's fixed text, which never wrongly says "inside" for
 * the common `prefix*` forms.
 */
export function isFilterValueWithin(inner: string, outer: string): boolean {
  if (inner === outer) return true;
  if (!isFilterPattern(inner)) return matchesFilterValue(outer, inner);
  const innerPrefix = inner.slice(0, inner.indexOf('*'));
  const outerParts = outer.split('*');
  return outerParts.length === 2 && outerParts[1] === '' && innerPrefix.startsWith(outerParts[0] ?? '');
}
