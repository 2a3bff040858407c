import { describe, expect, it } from 'vitest';
import { parseLitellmExtract } from '../../src/pricing/build/parse-litellm-extract.ts';

describe('parseLitellmExtract', () => {
  it('reads [provider, key, max output or null, date or null]', () => {
    const json = {
      entries: [
        ['openai', 'gpt-4o', 16_384, null],
        ['gemini', 'gemini/gemini-1.5-flash', null, '2025-09-29'],
      ],
    };
    expect(parseLitellmExtract(json, 'x.json')).toEqual(json.entries);
  });

  it.each([
    [{}, 'x.json: expected an "entries" array'],
    [{ entries: [['openai', 'gpt-4o', 0, null]] }, 'x.json: entries[0]: expected'],
    [{ entries: [['openai', 'gpt-4o', null, '2025-02-30']] }, 'x.json: entries[0]: expected'],
    [{ entries: [['openai', 'gpt-4o', 16_384]] }, 'x.json: entries[0]: expected'],
  ])('refuses %j', (json, message) => {
    expect(() => parseLitellmExtract(json, 'x.json')).toThrow(message);
  });
});
