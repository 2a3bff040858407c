import type {
  AttributeCondition,
  ChargebackAttribute,
  ChargebackAttributes,
} from '../model/chargeback-config.ts';

/** Whether one record's attributes pass a set of conditions. */
export type AttributesTest = (attributes: ChargebackAttributes) => boolean;

/**
 * Compiles conditions (all must hold) once, for use on many records: exact patterns compare as text,
 * patterns with `*` become anchored regular expressions. An attribute that is not set fails.
 */
export function compileConditions(conditions: readonly AttributeCondition[]): AttributesTest {
  const tests = conditions.map((condition) => {
    const read = attributeReader(condition.attribute);
    const matchesValue = compilePatterns(condition.patterns);
    return (attributes: ChargebackAttributes): boolean => {
      const value = read(attributes);
      return value !== null && matchesValue(value);
    };
  });
  return (attributes) => tests.every((test) => test(attributes));
}

function attributeReader(
  attribute: ChargebackAttribute,
): (attributes: ChargebackAttributes) => string | null {
  if (attribute.startsWith('tag:')) {
    const key = attribute.slice(4);
    return (attributes) => attributes.tags[key] ?? null;
  }
  const field = attribute as Exclude<ChargebackAttribute, `tag:${string}`>;
  return (attributes) => attributes[field];
}

function compilePatterns(patterns: readonly string[]): (value: string) => boolean {
  const exact = new Set(patterns.filter((pattern) => !pattern.includes('*')));
  const wildcards = patterns
    .filter((pattern) => pattern.includes('*'))
    .map(
      (pattern) =>
        new RegExp(
          `^${pattern
            .split('*')
            .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`,
          's',
        ),
    );
  return (value) => exact.has(value) || wildcards.some((wildcard) => wildcard.test(value));
}
