import type { TeamRule } from '../model/team-rule.ts';
import { suggestKey } from '../ingest/suggest-key.ts';
import { parseDimensionFilters } from './parse-dimension-filters.ts';

const RULE_FIELDS = ['team', 'where'] as const;

/**
 * The config file's `teams`: `[{ "team": "search", "where": { "project": "search-api" } }, …]`, tried in
 * order for usage whose source names no team. A rule needs at least one filter and may not filter on
 * `team` itself; tag keys may not hold quotes. Problems name the path (`teams[1].where.projekt`).
 */
export function parseTeamRules(value: unknown, problems: string[]): TeamRule[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    problems.push(
      `"teams": expected a list of { "team": <name>, "where": { <dimension>: <value> } }, got ${JSON.stringify(value)}`,
    );
    return undefined;
  }
  const rules: TeamRule[] = [];
  value.forEach((entry: unknown, index) => {
    const path = `teams[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`"${path}": expected { "team": <name>, "where": { … } }, got ${JSON.stringify(entry)}`);
      return;
    }
    const record = entry as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(record)) {
      if ((RULE_FIELDS as readonly string[]).includes(key)) continue;
      const suggestion = suggestKey(key, RULE_FIELDS);
      problems.push(
        suggestion === null
          ? `"${path}.${key}": unknown field (known: ${RULE_FIELDS.join(', ')})`
          : `"${path}.${key}": unknown field; did you mean "${suggestion}"?`,
      );
    }
    const { team } = record;
    if (typeof team !== 'string' || team.trim() === '') {
      problems.push(`"${path}.team": expected a team name, got ${JSON.stringify(team)}`);
    }
    const where = parseDimensionFilters(record.where, `${path}.where`, problems);
    if (record.where !== undefined && where.length === 0 && problems.length === before) {
      problems.push(`"${path}.where": expected at least one filter such as { "project": "search-api" }`);
    } else if (record.where === undefined) {
      problems.push(`"${path}.where": missing (which usage belongs to the team, e.g. { "apiKey": "key_1" })`);
    }
    for (const filter of where) {
      if (filter.dimension === 'team') {
        problems.push(`"${path}.where.team": a team rule cannot filter on team (it sets it)`);
      } else if (filter.dimension.startsWith('tag:') && /["']/.test(filter.dimension)) {
        problems.push(`"${path}.where.${filter.dimension}": a tag key cannot hold quotes`);
      }
    }
    if (problems.length === before && typeof team === 'string') rules.push({ team: team.trim(), where });
  });
  return rules;
}

/** A team rule as the config file holds it. */
export function teamRuleToJson(rule: TeamRule): Record<string, unknown> {
  return {
    team: rule.team,
    where: Object.fromEntries(rule.where.map((filter) => [filter.dimension, filter.value])),
  };
}
