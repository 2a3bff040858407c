import { UsageError } from './errors.ts';
import type { OutputFormat, Settings } from './settings.ts';

/**
 * Narrows `settings.format` to the formats a command can produce, or fails with exit 2 naming them
 * (`pricing list prints table, json, csv or md, not xlsx`), so no command writes garbage for a format
 * only another command knows.
 */
export function requireFormat<const Allowed extends OutputFormat>(
  settings: Settings,
  command: string,
  allowed: readonly Allowed[],
): Allowed {
  const { format } = settings;
  if ((allowed as readonly OutputFormat[]).includes(format)) return format as Allowed;
  const choices =
    allowed.length === 1
      ? (allowed[0] ?? '')
      : `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1) ?? ''}`;
  throw new UsageError(`${command} prints ${choices}, not ${format}`);
}
