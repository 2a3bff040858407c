import type { DimensionFilter } from './dimension.ts';

/**
 * A team mapping rule from the config file (`teams`): usage that names no team of its own belongs to
 * `team` when every filter of `where` holds. Rules are tried in file order; the first that holds wins.
 */
export interface TeamRule {
  readonly team: string;
  readonly where: readonly DimensionFilter[];
}
