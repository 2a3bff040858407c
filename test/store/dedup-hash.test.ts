import { describe, expect, it } from 'vitest';
import { dedupHash } from '../../src/store/dedup-hash.ts';

describe('dedupHash', () => {
  // Pinned values: stored row ids depend on them, so a change here would double-count re-ingests.
  it.each([
    ['', 3338908027751811],
    ['openai:chatcmpl-123', 1723505234208875],
    ['anthropic:msg_01ABC:req_01XYZ', 2375790870944589],
  ])('%j → %d', (key, expected) => {
    expect(dedupHash(key)).toBe(expected);
  });

  it('stays a positive safe integer and changes with the seed', () => {
    const values = Array.from({ length: 1000 }, (_, index) => dedupHash(`k${index}`));
    expect(values.every((value) => Number.isSafeInteger(value) && value >= 0)).toBe(true);
    expect(new Set(values).size).toBe(1000);
    expect(dedupHash('k1', 1)).not.toBe(dedupHash('k1'));
  });
});
