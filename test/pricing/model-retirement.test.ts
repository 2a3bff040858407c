import { describe, expect, it } from 'vitest';
import { modelRetirement, RETIRING_SOON_DAYS } from '../../src/pricing/model-retirement.ts';

describe('modelRetirement', () => {
  it.each([
    // date, day → status, days left
    ['2025-09-29', '2025-09-30', 'retired', -1],
    ['2025-09-29', '2025-09-29', 'retired', 0],
    ['2025-09-29', '2025-09-28', 'retiring', 1],
    ['2026-06-01', '2026-03-03', 'retiring', RETIRING_SOON_DAYS],
    ['2026-06-01', '2026-03-02', 'available', RETIRING_SOON_DAYS + 1],
    // Whole calendar days across a month end and a leap day.
    ['2028-03-01', '2028-02-28', 'retiring', 2],
  ] as const)('deprecationDate %s on %s: %s, %d days left', (date, day, status, daysLeft) => {
    expect(modelRetirement({ deprecationDate: date }, day)).toEqual({ status, date, daysLeft });
  });

  it('counts a model flagged deprecated without a date as retired on any day', () => {
    expect(modelRetirement({ deprecated: true }, '1999-01-01')).toEqual({
      status: 'retired',
      date: null,
      daysLeft: null,
    });
  });

  it('lets a known date decide over the flag, and knows nothing of a model with neither', () => {
    expect(modelRetirement({ deprecated: true, deprecationDate: '2026-05-25' }, '2026-01-01').status).toBe(
      'available',
    );
    expect(modelRetirement({}, '2026-01-01')).toEqual({ status: 'available', date: null, daysLeft: null });
  });
});
