import { modelRetirement } from '../pricing/model-retirement.ts';
import type { CompiledScenario } from './plan-replay.ts';

/**
 * What a scenario's model changes move usage to that is retired, or retiring within
 * RETIRING_SOON_DAYS days, on `day` (`YYYY-MM-DD`), as warnings: the what-if is still priced (it is
 * a what-if), but the reader must know the model cannot be used, or not for long. One per target, in
 * the order of the changes.
 */
export function scenarioRetirementWarnings(scenario: CompiledScenario, day: string): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const { targetKey, target } of scenario.modelChanges) {
    if (seen.has(targetKey)) continue;
    seen.add(targetKey);
    const { status, date, daysLeft } = modelRetirement(target, day);
    if (status === 'retired')
      warnings.push(
        date === null
          ? `${targetKey} is deprecated (the price book's source says so, with no date): it is likely no longer offered`
          : `${targetKey} was retired on ${date} (on or before ${day}): it can no longer be used`,
      );
    else if (status === 'retiring' && date !== null && daysLeft !== null)
      warnings.push(
        `${targetKey} retires on ${date}, ${daysLeft} day${daysLeft === 1 ? '' : 's'} after ${day}`,
      );
  }
  return warnings;
}
