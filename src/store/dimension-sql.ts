import type { Dimension, DimensionFilter } from '../model/dimension.ts';
import { isFilterPattern, toSqliteGlob } from '../model/filter-pattern.ts';
import type { TeamRule } from '../model/team-rule.ts';

/** The column of each built-in dimension in `usage` (and, for provider and model, in the rollups). */
const COLUMN_OF: Record<Exclude<Dimension, `tag:${string}`>, string> = {
  provider: 'provider',
  model: 'model',
  project: 'project',
  user: 'user',
  team: 'team',
  apiKey: 'api_key',
  workspace: 'workspace',
  session: 'session',
  serviceTier: 'service_tier',
  status: 'status',
};

/** A text as an SQL string literal. */
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * SQL for a dimension's value. Tags take their key as a bound parameter. `team` on usage rows is the
 * row's own team, else the first team rule that holds (config `teams`), else NULL; the rules are
 * written into the SQL as literals, so they need no parameters.
 */
export function dimensionSql(
  dimension: Dimension,
  isRollup: boolean,
  teamRules: readonly TeamRule[],
): string {
  if (dimension.startsWith('tag:')) return `json_extract(tags, '$."' || ? || '"')`;
  const column = COLUMN_OF[dimension as Exclude<Dimension, `tag:${string}`>];
  if (isRollup) return `NULLIF(${column}, '')`;
  if (dimension !== 'team' || teamRules.length === 0) return column;
  const cases = teamRules
    .map((rule) => `WHEN ${rule.where.map(filterConditionSql).join(' AND ')} THEN ${literal(rule.team)}`)
    .join(' ');
  return `COALESCE(NULLIF(team, ''), CASE ${cases} END)`;
}

/** A team rule's filter on usage rows, with its value as a literal (tag keys hold no quotes). */
function filterConditionSql({ dimension, value }: DimensionFilter): string {
  const column = dimension.startsWith('tag:')
    ? `json_extract(tags, ${literal(`$."${dimension.slice(4)}"`)})`
    : COLUMN_OF[dimension as Exclude<Dimension, `tag:${string}`>];
  return isFilterPattern(value)
    ? `${column} GLOB ${literal(toSqliteGlob(value))}`
    : `${column} = ${literal(value)}`;
}
