import type { Verification } from '../optimizer/recommendations/verify-recommendation.ts';
import { formatMoney } from './format-money.ts';
import { formatCount, formatPercent, wrapText } from './format-number.ts';
import { moneyJson } from './money-json.ts';

const DAY_MS = 86_400_000;

/** The decision a verification is about (as the store keeps it). */
export interface VerifiedDecision {
  readonly recommendationId: string;
  readonly kind: string;
  readonly title: string;
  readonly decidedAtMs: number;
  readonly monthlySavingsPico: bigint;
}

/** `recommend verify` for people: what was predicted, what happened, how it was computed. */
export function renderVerifyText(decision: VerifiedDecision, verification: Verification): string {
  const days = verification.windowMs / DAY_MS;
  const money = (pico: bigint | null): string => (pico === null ? 'n/a' : formatMoney(pico, 'USD'));
  const lines = [
    `${decision.recommendationId}: ${decision.title}`,
    `Accepted ${new Date(decision.decidedAtMs).toISOString().slice(0, 16).replace('T', ' ')} UTC; ${days.toFixed(1)} days and ${formatCount(verification.requests)} requests since.`,
    `Predicted saving:   ${money(verification.predictedSavingsPico)} (${formatMoney(decision.monthlySavingsPico, 'USD')} a month × ${days.toFixed(1)} / 30.4375 days)`,
    `Actual cost:        ${money(verification.actualCostPico)}`,
    `Without the change: ${money(verification.counterfactualCostPico)}`,
    `Realized saving:    ${money(verification.realizedSavingsPico)}${verification.ratio === null ? '' : ` (${formatPercent(verification.ratio)} of predicted)`}`,
    ...wrapText(`Method: ${verification.method}.`, 100, '  '),
  ];
  if (verification.requests === 0) lines.push('No usage in scope since the decision yet: check again later.');
  return `${lines.join('\n')}\n`;
}

/** `recommend verify --format json` (schemaVersion 1): money in USD as float, exact text and pico-USD. */
export function renderVerifyJson(decision: VerifiedDecision, verification: Verification): string {
  const optional = (pico: bigint | null) => (pico === null ? null : moneyJson(pico));
  return `${JSON.stringify(
    {
      schemaVersion: 1,
      view: 'recommend-verify',
      id: decision.recommendationId,
      kind: decision.kind,
      title: decision.title,
      acceptedAt: new Date(decision.decidedAtMs).toISOString(),
      days: verification.windowMs / DAY_MS,
      requests: verification.requests,
      predictedMonthlySavings: moneyJson(decision.monthlySavingsPico),
      predictedSavings: moneyJson(verification.predictedSavingsPico),
      actualCost: moneyJson(verification.actualCostPico),
      counterfactualCost: optional(verification.counterfactualCostPico),
      realizedSavings: optional(verification.realizedSavingsPico),
      ratio: verification.ratio,
      method: verification.method,
    },
    null,
    2,
  )}\n`;
}
