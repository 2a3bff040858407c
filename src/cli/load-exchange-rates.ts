import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { ExchangeRates } from '../currency/exchange-rates.ts';
import { parseExchangeRates } from '../currency/parse-exchange-rates.ts';
import { ConfigError, InputError } from './errors.ts';
import type { Settings } from './settings.ts';

/**
 * The rates to convert reports to `settings.currency`, or null for USD. A currency without a rates
 * file is a config error (exit 2); an unreadable or malformed file an input error (exit 1) naming the
 * file, line and field.
 */
export function loadExchangeRates(
  settings: Pick<Settings, 'currency' | 'exchangeRatesFile'>,
  cwd: string,
): ExchangeRates | null {
  if (settings.currency === 'USD') return null;
  const path = settings.exchangeRatesFile;
  if (path === null) {
    throw new ConfigError(
      `--currency ${settings.currency} needs exchange rates: set "exchangeRatesFile" in the config file to a CSV of date,currency,rate (units per 1 USD)`,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read the exchange rates: ${(error as Error).message}`);
  }
  // Named relative to the working directory when inside it, so reports do not carry home paths.
  const shown = relative(cwd, path);
  const parsed = parseExchangeRates(text, shown.startsWith('..') || isAbsolute(shown) ? path : shown);
  if (!parsed.ok) throw new InputError(parsed.problems.join('\n'));
  return parsed.rates;
}
