import type { MatchLogic } from '@pydantic/genai-prices';
import type { MatchRules } from '../price-book.ts';

/**
 * Turns genai-prices' match tree (`equals | starts_with | ends_with | contains | regex | and | or`) into our
 * three rule kinds without changing what it matches: top-level `equals` and `starts_with` become exact ids
 * and prefixes (map lookups at run time); everything else becomes one regular expression, tested on the
 * lower-cased id exactly as genai-prices tests it.
 */
export function matchLogicToRules(logic: MatchLogic | undefined): MatchRules {
  const exact: string[] = [];
  const prefixes: string[] = [];
  const patterns: string[] = [];
  for (const branch of logic === undefined ? [] : 'or' in logic ? logic.or : [logic]) {
    if ('equals' in branch) exact.push(branch.equals.toLowerCase());
    else if ('starts_with' in branch) prefixes.push(branch.starts_with.toLowerCase());
    else patterns.push(matchLogicToPattern(branch));
  }
  const rules = { exact: sortedUnique(exact), prefixes: sortedUnique(prefixes) };
  return patterns.length === 0 ? rules : { ...rules, pattern: patterns.map((p) => `(?:${p})`).join('|') };
}

function matchLogicToPattern(logic: MatchLogic): string {
  if ('equals' in logic) return `^${escapeRegExp(logic.equals.toLowerCase())}$`;
  if ('starts_with' in logic) return `^${escapeRegExp(logic.starts_with.toLowerCase())}`;
  if ('ends_with' in logic) return `${escapeRegExp(logic.ends_with.toLowerCase())}$`;
  if ('contains' in logic) return escapeRegExp(logic.contains.toLowerCase());
  if ('regex' in logic) return logic.regex;
  if ('or' in logic) return logic.or.map((branch) => `(?:${matchLogicToPattern(branch)})`).join('|');
  // `and`: every branch must match somewhere; lookaheads from the start keep them independent.
  return `^${logic.and.map((branch) => `(?=[\\s\\S]*?(?:${matchLogicToPattern(branch)}))`).join('')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareText);
}

/** Code-unit order, so the output does not depend on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
