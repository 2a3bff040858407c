import { describe, expect, it } from 'vitest';
import { replaySlices } from '../../src/optimizer/replay-grouping.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const HALF_HOUR = 1_800_000;

describe('replaySlices', () => {
  it('slices by the zone unless a target prices by the time of day, and slices finer the stored models that do', () => {
    const pairs = [
      { pair: 'flat', divisorMs: DAY },
      { pair: 'off-peak at :30', divisorMs: HALF_HOUR },
      { pair: 'hourly windows', divisorMs: HOUR },
    ];
    expect(replaySlices(DAY, { sliceDivisorMs: HALF_HOUR, targetSliceDivisorMs: DAY }, pairs)).toEqual({
      sliceMs: DAY,
      fineSliceMs: HALF_HOUR,
      fineModels: ['off-peak at :30', 'hourly windows'],
    });
    // A target with half-hour windows: every slice is half an hour, so nothing needs finer ones.
    expect(replaySlices(DAY, { sliceDivisorMs: HALF_HOUR, targetSliceDivisorMs: HALF_HOUR }, pairs)).toEqual({
      sliceMs: HALF_HOUR,
      fineSliceMs: HALF_HOUR,
      fineModels: [],
    });
    // A zone that needs hours (a report zone with a non-UTC day): hourly windows fit in them.
    expect(replaySlices(HOUR, { sliceDivisorMs: HALF_HOUR, targetSliceDivisorMs: DAY }, pairs)).toEqual({
      sliceMs: HOUR,
      fineSliceMs: HALF_HOUR,
      fineModels: ['off-peak at :30'],
    });
  });
});
