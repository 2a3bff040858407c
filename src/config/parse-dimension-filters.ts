import { parseDimension, type DimensionFilter } from '../model/dimension.ts';

/**
 * A scope in the config file (`budgets.<name>.where`, `teams[i].where`): `{ "provider": "openai",
 * "tag:env": "prod" }`, every filter must hold; values may use `*` wildcards (model/filter-pattern.ts).
 */
export function parseDimensionFilters(value: unknown, path: string, problems: string[]): DimensionFilter[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(
      `"${path}": expected an object of <dimension>: <value> such as { "provider": "openai" }, got ${JSON.stringify(value)}`,
    );
    return [];
  }
  const filters: DimensionFilter[] = [];
  for (const [key, filterValue] of Object.entries(value)) {
    const dimension = parseDimension(key);
    if (dimension === null) {
      problems.push(
        `"${path}.${key}": unknown dimension; use provider, model, project, user, team, apiKey, workspace, session, serviceTier, status or tag:<key>`,
      );
    } else if (typeof filterValue !== 'string') {
      problems.push(`"${path}.${key}": expected a string, got ${JSON.stringify(filterValue)}`);
    } else {
      filters.push({ dimension, value: filterValue });
    }
  }
  return filters;
}
