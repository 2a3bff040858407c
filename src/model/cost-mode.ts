/**
 * Which cost a report shows (`--cost`):
 * - `list`: the price book's list price of every record (what the usage costs at published prices);
 * - `reported`: the cost the source itself states (billing exports, gateway logs), where it states one;
 * - `auto` (default): the stated cost where the source gives one, else the list price.
 * Usage with no cost in the chosen mode is reported as unpriced, never as 0.
 */
export type CostMode = 'auto' | 'list' | 'reported';

export const COST_MODES: readonly CostMode[] = ['auto', 'list', 'reported'];

export const COST_MODE_DESCRIPTIONS: Readonly<Record<CostMode, string>> = {
  auto: 'the cost the source states where it states one, else the list price',
  list: 'list price from the price book',
  reported: 'the cost the source states',
};
