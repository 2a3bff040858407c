import { InvalidArgumentError } from 'commander';
import { parseDimension, type Dimension, type DimensionFilter } from '../model/dimension.ts';

/** Commander parsers: they turn raw strings into typed values or throw InvalidArgumentError (exit 2). */

export function parsePositiveInteger(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${text}"`);
  }
  return value;
}

export function parseDimensionList(text: string): Dimension[] {
  if (text === 'none' || text === '') return [];
  return text.split(',').map((part) => {
    const dimension = parseDimension(part.trim());
    if (dimension === null) {
      throw new InvalidArgumentError(
        `unknown dimension "${part}"; use provider, model, project, user, team, apiKey, workspace, session, serviceTier, status or tag:<key>`,
      );
    }
    return dimension;
  });
}

export function collectFilter(text: string, previous: readonly DimensionFilter[] = []): DimensionFilter[] {
  const separator = text.indexOf('=');
  const dimension = separator > 0 ? parseDimension(text.slice(0, separator)) : null;
  if (dimension === null)
    throw new InvalidArgumentError(`expected <dimension>=<value> such as model=gpt-4o, got "${text}"`);
  return [...previous, { dimension, value: text.slice(separator + 1) }];
}

export function collectTag(
  text: string,
  previous: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const separator = text.indexOf('=');
  if (separator <= 0)
    throw new InvalidArgumentError(`expected <key>=<value> such as team=search, got "${text}"`);
  return { ...previous, [text.slice(0, separator)]: text.slice(separator + 1) };
}

export function parseChoice<T extends string>(choices: readonly T[]): (text: string) => T {
  return (text) => {
    if ((choices as readonly string[]).includes(text)) return text as T;
    throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got "${text}"`);
  };
}

/** A dollar amount ≥ 0 such as `5`, `5.50` or `$5`. */
export function parseUsdAmount(text: string): number {
  const value = Number(text.replace(/^\$/, ''));
  if (!/^\$?\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) {
    throw new InvalidArgumentError(`expected a dollar amount such as 5 or 12.50, got "${text}"`);
  }
  return value;
}

/** A forecast horizon as given: `48h`, `30d`, `13w`, `3m`. */
export interface HorizonFlag {
  readonly count: number;
  readonly unit: 'h' | 'd' | 'w' | 'm';
}

export function parseHorizon(text: string): HorizonFlag {
  const match = /^(\d+)([hdwm])$/.exec(text.trim());
  const count = match ? Number(match[1]) : 0;
  if (!match || count < 1 || count > 10_000) {
    throw new InvalidArgumentError(`expected <n><h|d|w|m> such as 48h, 30d, 13w or 3m, got "${text}"`);
  }
  return { count, unit: match[2] as HorizonFlag['unit'] };
}

/** `80` or `80%` → 0.8; a central band level strictly between 0 and 100 percent. */
export function parseIntervalLevel(text: string): number {
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(text.trim());
  const percent = match ? Number(match[1]) : Number.NaN;
  if (!(percent > 0 && percent < 100)) {
    throw new InvalidArgumentError(`expected a percentage between 0 and 100 such as 80 or 95, got "${text}"`);
  }
  return percent / 100;
}

/** `--growth 25%` (repeatable): `25%`, `+50%`, `-10%` or `25` → 0.25, 0.5, −0.1, 0.25. */
export function collectGrowth(text: string, previous: readonly number[] = []): number[] {
  const match = /^([+-]?\d+(?:\.\d+)?)%?$/.exec(text.trim());
  const percent = match ? Number(match[1]) : Number.NaN;
  if (!Number.isFinite(percent) || percent <= -100 || percent > 10_000) {
    throw new InvalidArgumentError(`expected a growth percentage such as 25%, +50% or -10%, got "${text}"`);
  }
  return [...previous, percent / 100];
}

/** A repeatable option's values, in the order given. */
export function collectText(text: string, previous: readonly string[] = []): string[] {
  return [...previous, text];
}
