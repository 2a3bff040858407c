import type { ImportDiff, PriceChange } from '../pricing/import/merge-imported-models.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatMicrosAsUsd } from './format-money.ts';
import { formatCount, pluralize, wrapText } from './format-number.ts';

/** What the import read and where it goes, for the diff's heading. */
export interface ImportSummary {
  readonly file: string;
  readonly sourceFormat: string;
  readonly into: string;
  readonly isDryRun: boolean;
  readonly isWritten: boolean;
}

const MAX_LISTED = 20;

const FIELD_LABELS: Readonly<Record<PriceChange['field'], string>> = {
  input: 'input',
  output: 'output',
  cacheRead: 'cache read',
  cacheWrite5m: 'cache write 5m',
  cacheWrite1h: 'cache write 1h',
  reasoning: 'reasoning',
  requestFee: 'per request',
  webSearchPer1k: 'web search per 1k',
  windows: 'daily time windows',
};

/**
 * `pricing import` as text: counts, the models added (the first 20), every model with a new period and
 * each of its changed prices old → new (USD per 1M tokens), ambiguous models, and skipped entries by
 * reason. Prices that moved 5× or more are listed again by the command, on stderr, as warnings.
 */
export function renderImportDiff(diff: ImportDiff, summary: ImportSummary, display: DisplayOptions): string {
  const counts = [
    `${pluralize(diff.added.length, 'model')} added`,
    `${formatCount(diff.changed.length)} with a new period from ${diff.effectiveFrom}`,
    `${formatCount(diff.unchanged)} unchanged`,
    `${formatCount(diff.aliases.length)} source ${diff.aliases.length === 1 ? 'entry' : 'entries'} covered by another for the same model`,
    `${formatCount(diff.ambiguous.length)} ambiguous`,
    `${formatCount(diff.scheduled.length)} left for a scheduled period`,
    `${formatCount(diff.skipped.length)} skipped`,
  ].join(', ');
  // The paths stay on a line of their own, so how the counts wrap does not depend on them.
  const lines = [
    `Imported ${summary.file} (${summary.sourceFormat}) into ${summary.into}${summary.isDryRun ? ' (dry run: nothing written)' : ''}:`,
    ...wrapText(`${counts}.`, display.width, '  '),
  ];
  if (diff.added.length > 0) {
    lines.push('', 'Added:');
    for (const { key, sourceKey } of diff.added.slice(0, MAX_LISTED))
      lines.push(`  ${key}${sourceKey === key ? '' : `  (${sourceKey})`}`);
    if (diff.added.length > MAX_LISTED)
      lines.push(`  … and ${formatCount(diff.added.length - MAX_LISTED)} more (--format json lists all)`);
  }
  if (diff.changed.length > 0) {
    lines.push('', `New periods from ${diff.effectiveFrom} (USD per 1M tokens, old → new):`);
    for (const model of diff.changed) {
      const overlay = model.previousLayer === 'overlay' ? ', a hand-checked overlay price' : '';
      lines.push(
        ...wrapText(
          `  ${model.key} (${model.sourceKey}; previous period from ${model.previousFrom}${overlay})`,
          display.width,
          '      ',
        ),
      );
      const byWhere = new Map<string, PriceChange[]>();
      for (const change of model.changes)
        byWhere.set(change.where, [...(byWhere.get(change.where) ?? []), change]);
      for (const [where, changes] of byWhere) {
        const label =
          where === 'base' ? '' : where.startsWith('above ') ? `${describeTier(where)}: ` : `${where}: `;
        lines.push(
          ...wrapText(`    ${label}${changes.map(describeChange).join(', ')}`, display.width, '      '),
        );
      }
    }
  }
  if (diff.ambiguous.length > 0) {
    lines.push('', 'Ambiguous, not updated (source entries for one model disagree):');
    for (const { key, sourceKeys } of diff.ambiguous)
      lines.push(...wrapText(`  ${key}: ${sourceKeys.join(', ')}`, display.width, '      '));
  }
  if (diff.scheduled.length > 0) {
    lines.push('', 'Not updated: the source differs, but the book already has a later, scheduled period:');
    for (const { key, scheduledFrom } of diff.scheduled) lines.push(`  ${key}: from ${scheduledFrom}`);
  }
  if (diff.skipped.length > 0) {
    lines.push('', 'Skipped source entries:');
    const byReason = new Map<string, number>();
    for (const { reason } of diff.skipped) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    const reasons = [...byReason].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
    for (const [reason, count] of reasons.slice(0, MAX_LISTED))
      lines.push(...wrapText(`  ${formatCount(count).padStart(6)}  ${reason}`, display.width, '          '));
    if (reasons.length > MAX_LISTED)
      lines.push(
        `  … and ${formatCount(reasons.length - MAX_LISTED)} more reasons (--format json lists all)`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/** The diff as JSON (schemaVersion 1): prices in integer micro-USD per 1M tokens, null for none. */
export function importDiffJson(diff: ImportDiff, summary: ImportSummary): object {
  return {
    schemaVersion: 1,
    priceUnit: 'microUSD per 1M tokens',
    file: summary.file,
    sourceFormat: summary.sourceFormat,
    into: summary.into,
    dryRun: summary.isDryRun,
    written: summary.isWritten,
    ...diff,
  };
}

function describeTier(where: string): string {
  return `above ${formatCount(Number(where.slice('above '.length)))} prompt tokens`;
}

function describeChange(change: PriceChange): string {
  if (change.field === 'windows') return 'changed';
  const price = (micros: number | null): string => (micros === null ? 'none' : formatMicrosAsUsd(micros));
  return `${FIELD_LABELS[change.field]} ${price(change.from)} → ${price(change.to)}`;
}
