/** A capacity scenario: the forecast with usage `growth` higher (0.25 = +25%) in every period. */
export interface GrowthScenario {
  readonly growth: number;
  readonly total: { readonly value: number; readonly lower: number | null; readonly upper: number | null };
}

/**
 * Scales a forecast total and its band by (1 + growth): spend grows with usage at constant prices,
 * and the band's relative width is kept (the backtest says nothing about a traffic level never seen).
 */
export function applyGrowth(
  total: { readonly value: number; readonly lower: number | null; readonly upper: number | null },
  growth: number,
): GrowthScenario {
  const factor = 1 + growth;
  return {
    growth,
    total: {
      value: total.value * factor,
      lower: total.lower === null ? null : total.lower * factor,
      upper: total.upper === null ? null : total.upper * factor,
    },
  };
}
