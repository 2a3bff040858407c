import { describe, expect, it } from 'vitest';
import { isFilterValueWithin, matchesFilterValue, toSqliteGlob } from '../../src/model/filter-pattern.ts';

describe('filter values with * wildcards', () => {
  it('a plain value matches only itself; null never matches', () => {
    expect(matchesFilterValue('gpt-4o', 'gpt-4o')).toBe(true);
    expect(matchesFilterValue('gpt-4o', 'gpt-4o-2024-08-06')).toBe(false);
    expect(matchesFilterValue('gpt-4o', null)).toBe(false);
  });

  it('* matches any run of characters, other regex characters are literal', () => {
    expect(matchesFilterValue('gpt-4o*', 'gpt-4o-2024-08-06')).toBe(true);
    expect(matchesFilterValue('gpt-4o*', 'gpt-4o')).toBe(true);
    expect(matchesFilterValue('*sonnet*', 'claude-sonnet-4-5')).toBe(true);
    expect(matchesFilterValue('gpt-4.1*', 'gpt-4x1-mini')).toBe(false);
    expect(matchesFilterValue('a?b*', 'axb')).toBe(false);
    expect(matchesFilterValue('a?b*', 'a?bc')).toBe(true);
  });

  it('the SQLite GLOB form keeps * and matches ? and [ literally', () => {
    expect(toSqliteGlob('gpt-4o*')).toBe('gpt-4o*');
    expect(toSqliteGlob('a?b[1]*')).toBe('a[?]b[[]1]*');
  });

  it('tells whether a child scope value stays inside a parent scope value', () => {
    expect(isFilterValueWithin('gpt-4o-mini', 'gpt-4o*')).toBe(true);
    expect(isFilterValueWithin('gpt-4o-mini*', 'gpt-4o*')).toBe(true);
    expect(isFilterValueWithin('gpt-4o*', 'gpt-4o*')).toBe(true);
    expect(isFilterValueWithin('gpt*', 'gpt-4o*')).toBe(false);
    expect(isFilterValueWithin('claude-3', 'gpt-4o*')).toBe(false);
    expect(isFilterValueWithin('*-mini', '*mini')).toBe(false);
  });
});
