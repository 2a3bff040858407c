import type { DimensionFilter } from '../model/dimension.ts';
import type { UsageFilter } from '../store/select-usage-aggregates.ts';
import type { Settings } from './settings.ts';

/**
 * The usage a command reads: instants from `fromMs` (inclusive, null: the beginning) to `toMs`
 * (exclusive), the `--where` filters, and the settings every read applies (`--prefer`, config `teams`).
 */
export function usageFilterOf<ToMs extends number | null>(
  settings: Pick<Settings, 'preferKind' | 'teamRules'>,
  fromMs: number | null,
  toMs: ToMs,
  where: readonly DimensionFilter[] = [],
): UsageFilter & { readonly toMs: ToMs } {
  return { fromMs, toMs, where, preferKind: settings.preferKind, teamRules: settings.teamRules };
}
