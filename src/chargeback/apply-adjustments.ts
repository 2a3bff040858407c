import type { Adjustment, Rate, VolumeBand } from '../model/chargeback-config.ts';
import { PICO_PER_CENT, picoToDecimalString, type PicoUsd } from '../model/money.ts';
import { applyRate, applyRates } from './apply-rate.ts';
import type { AdjustmentLine, BalanceOutcome } from './chargeback-statement.ts';
import { splitLargestRemainder } from './largest-remainder.ts';

/** The steps adjustments run in, whatever their order in the file. */
const STEPS = [['markup', 'discount', 'tiered'], ['credit'], ['prepaid'], ['tax']] as const;

export interface AdjustmentOutcome {
  /** Per cost center, in the order applied. */
  readonly lines: ReadonlyMap<string, readonly AdjustmentLine[]>;
  readonly balances: readonly BalanceOutcome[];
  /** Prepaid balances left, by adjustment index. */
  readonly prepaidClosing: ReadonlyMap<number, PicoUsd>;
}

/**
 * Turns each cost center's allocated spend (direct + shared, whole cents) into what it is charged, in
 * four steps: (1) usage-based: markups, discounts and volume tiers, each computed on the allocated
 * spend (they do not compound); (2) credits; (3) prepaid drawdown; (4) tax on what is left. Within a
 * step, file order. Percentages are rounded to the cent per line. A credit or prepaid balance shared
 * by several cost centers is split in proportion to what each is charged at that step (largest
 * remainder, whole cents), never below zero: what cannot be used is reported, and a prepaid balance
 * carries into the next month (`prepaidOpening`: the balance left by the previous months, by
 * adjustment index; absent means the whole balance). Unallocated spend is never adjusted.
 */
export function applyAdjustments(
  adjustments: readonly Adjustment[],
  period: string,
  allocatedByCenter: ReadonlyMap<string, PicoUsd>,
  prepaidOpening: ReadonlyMap<number, PicoUsd>,
): AdjustmentOutcome {
  const charge = new Map(allocatedByCenter);
  const lines = new Map<string, AdjustmentLine[]>([...allocatedByCenter.keys()].map((id) => [id, []]));
  const balances: BalanceOutcome[] = [];
  const prepaidClosing = new Map<number, PicoUsd>();
  const add = (costCenter: string, line: AdjustmentLine): void => {
    lines.get(costCenter)?.push(line);
    charge.set(costCenter, (charge.get(costCenter) ?? 0n) + line.amountPico);
  };

  for (const kinds of STEPS) {
    const before = new Map(charge);
    adjustments.forEach((adjustment, index) => {
      if (!(kinds as readonly string[]).includes(adjustment.kind)) return;
      const centers = adjustment.costCenters.filter((id) => charge.has(id));
      const line = (basePico: PicoUsd, amountPico: PicoUsd, method: string): AdjustmentLine => ({
        index,
        kind: adjustment.kind,
        label: adjustment.label,
        method,
        basePico,
        amountPico,
      });
      switch (adjustment.kind) {
        case 'markup':
        case 'discount':
        case 'tax': {
          const sign = adjustment.kind === 'discount' ? -1n : 1n;
          const of = adjustment.kind === 'tax' ? 'the charge after credits' : 'the allocated spend';
          for (const id of centers) {
            // Every percentage of a step takes the charge as the step found it: no compounding.
            const base = before.get(id) ?? 0n;
            add(
              id,
              line(base, sign * applyRate(base, adjustment.rate), `${adjustment.rate.percentText}% of ${of}`),
            );
          }
          return;
        }
        case 'tiered':
          for (const id of centers) {
            const base = before.get(id) ?? 0n;
            add(
              id,
              line(base, applyRates(bandParts(base, adjustment.bands)), describeBands(adjustment.bands)),
            );
          }
          return;
        case 'credit':
        case 'prepaid': {
          if (adjustment.kind === 'credit' && adjustment.period !== null && adjustment.period !== period)
            return;
          if (adjustment.kind === 'prepaid' && adjustment.since > period) return;
          const availablePico =
            adjustment.kind === 'credit'
              ? adjustment.amountPico
              : (prepaidOpening.get(index) ?? adjustment.balancePico);
          const charges = centers.map((id) => {
            const amount = charge.get(id) ?? 0n;
            return amount > 0n ? amount : 0n;
          });
          const chargeSum = charges.reduce((sum, amount) => sum + amount, 0n);
          const availableCents = availablePico / PICO_PER_CENT;
          const appliedCents =
            availableCents < chargeSum / PICO_PER_CENT ? availableCents : chargeSum / PICO_PER_CENT;
          const parts =
            appliedCents === 0n ? charges.map(() => 0n) : splitLargestRemainder(appliedCents, charges);
          const method =
            adjustment.kind === 'credit'
              ? `${picoToDecimalString(adjustment.amountPico)} USD credit${centers.length > 1 ? ', shared in proportion to charges' : ''}`
              : `drawn from a ${picoToDecimalString(adjustment.balancePico)} USD balance prepaid in ${adjustment.since}${centers.length > 1 ? ', shared in proportion to charges' : ''}`;
          centers.forEach((id, position) => {
            const amount = (parts[position] ?? 0n) * PICO_PER_CENT;
            if (amount !== 0n) add(id, line(charge.get(id) ?? 0n, -amount, method));
          });
          const appliedPico = appliedCents * PICO_PER_CENT;
          balances.push({
            index,
            kind: adjustment.kind,
            label: adjustment.label,
            availablePico,
            appliedPico,
            remainingPico: availablePico - appliedPico,
          });
          if (adjustment.kind === 'prepaid') prepaidClosing.set(index, availablePico - appliedPico);
          return;
        }
        default:
          return adjustment satisfies never;
      }
    });
  }
  return { lines, balances, prepaidClosing };
}

/** The parts of `amount` in each marginal band (a band covers spend above the previous `upTo`). */
function bandParts(amount: PicoUsd, bands: readonly VolumeBand[]): { amount: PicoUsd; rate: Rate }[] {
  let lower = 0n;
  return bands.flatMap((band) => {
    const upper = band.upToPico ?? amount;
    const inBand = (amount < upper ? amount : upper) - lower;
    lower = band.upToPico ?? lower;
    return inBand > 0n ? [{ amount: inBand, rate: band.rate }] : [];
  });
}

function describeBands(bands: readonly VolumeBand[]): string {
  return bands
    .map((band) =>
      band.upToPico === null
        ? `${band.rate.percentText}% above`
        : `${band.rate.percentText}% up to ${picoToDecimalString(band.upToPico)} USD`,
    )
    .join(', ');
}
