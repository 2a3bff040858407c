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

/** A repeatable option's values, in the order given. */
export function collectText(text: string, previous: readonly string[] = []): string[] {
  return [...previous, text];
}
