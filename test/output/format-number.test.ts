import { describe, expect, it } from 'vitest';
import { requestCountText } from '../../src/output/format-number.ts';

describe('requestCountText', () => {
  it('never shows an unknown request count as 0', () => {
    expect(requestCountText(3, 0)).toBe('3 requests');
    expect(requestCountText(1, 0)).toBe('1 request');
    expect(requestCountText(0, 4)).toBe('? requests');
    expect(requestCountText(1200, 2)).toBe('1,200+? requests');
  });
});
