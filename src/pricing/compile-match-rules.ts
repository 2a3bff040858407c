import type { MatchRules } from './price-book.ts';

/** Match rules with the regular expression built once, for ids that are already lower-case. */
export interface CompiledMatchRules {
  readonly exact: ReadonlySet<string>;
  readonly prefixes: readonly string[];
  readonly pattern: RegExp | null;
}

export function compileMatchRules(rules: MatchRules): CompiledMatchRules {
  return {
    exact: new Set(rules.exact),
    prefixes: rules.prefixes,
    pattern: rules.pattern === undefined ? null : new RegExp(rules.pattern),
  };
}

export function matchesRules(rules: CompiledMatchRules, id: string): boolean {
  return (
    rules.exact.has(id) ||
    rules.prefixes.some((prefix) => id.startsWith(prefix)) ||
    (rules.pattern?.test(id) ?? false)
  );
}
