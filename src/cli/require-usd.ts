import { UsageError } from './errors.ts';
import type { Settings } from './settings.ts';

/**
 * Fails with exit 2 when `--currency` (or the config's `currency`) asks for anything but USD from a
 * command that computes in USD only, rather than printing dollars under another currency's name.
 */
export function requireUsd(settings: Pick<Settings, 'currency'>, command: string): void {
  if (settings.currency !== 'USD') {
    throw new UsageError(
      `${command} reports in USD only for now; drop --currency ${settings.currency} (or the config's "currency") for this command`,
    );
  }
}
