import type { IngestProblem } from '../../model/ingest-problem.ts';
import type { RequestStatus, UsageRecord } from '../../model/usage-record.ts';
import type { CostLayer } from '../../pricing/price-override.ts';
import type { UsagePricing } from '../../store/stored-usage.ts';
import type { ParsedBatch } from './parse-source.ts';

/**
 * A ParsedBatch packed for postMessage from the parse worker: numbers in one transferable
 * Float64Array, repeated strings (models, projects, tags…) as indexes into a per-batch dictionary.
 * Structured-cloning thousands of record objects would cost the main thread about as much as parsing
 * them; this costs it one small object per record.
 */
export interface EncodedBatch {
  readonly count: number;
  readonly numbers: Float64Array;
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
  readonly dedupKeys: readonly string[];
  /**
   * Amounts carried as exact text: [record index, pico-units, currency], where currency null marks a
   * list cost too large for a double, and a currency code marks the source-reported cost.
   */
  readonly bigAmounts: readonly (readonly [number, string, string | null])[];
  readonly rejectedRows: number;
  readonly collapsedCopies: number;
  readonly problems: readonly IngestProblem[];
  readonly warnings: readonly string[];
}

const NUMBER_FIELDS = 14;
const CODE_FIELDS = 13;
const NONE = -1;

export function encodeBatch(batch: ParsedBatch): EncodedBatch {
  const count = batch.records.length;
  const numbers = new Float64Array(count * NUMBER_FIELDS);
  const codes = new Int32Array(count * CODE_FIELDS);
  const dictionary: string[] = [];
  const indexOf = new Map<string, number>();
  const code = (text: string | null): number => {
    if (text === null) return NONE;
    let index = indexOf.get(text);
    if (index === undefined) {
      index = dictionary.length;
      dictionary.push(text);
      indexOf.set(text, index);
    }
    return index;
  };
  const tagsText = new Map<Readonly<Record<string, string>>, string | null>();
  const dedupKeys: string[] = [];
  const bigAmounts: (readonly [number, string, string | null])[] = [];
  for (let index = 0; index < count; index += 1) {
    const record = batch.records[index] as UsageRecord;
    const pricing = batch.pricings[index] as UsagePricing;
    const n = index * NUMBER_FIELDS;
    numbers[n] = record.occurredAtMs;
    numbers[n + 1] = record.requests ?? Number.NaN;
    numbers[n + 2] = record.inputTokens;
    numbers[n + 3] = record.cacheReadTokens;
    numbers[n + 4] = record.cacheWrite5mTokens;
    numbers[n + 5] = record.cacheWrite1hTokens;
    numbers[n + 6] = record.cacheWriteTokens;
    numbers[n + 7] = record.outputTokens;
    numbers[n + 8] = record.reasoningTokens;
    numbers[n + 9] = record.webSearchRequests;
    numbers[n + 10] = record.sourceLine;
    numbers[n + 11] = (record.isBatch ? 1 : 0) + (record.status === 'error' ? 2 : 0);
    const cost = pricing.costPico;
    const isCostExact = cost !== null && cost <= BigInt(Number.MAX_SAFE_INTEGER) && cost >= 0n;
    numbers[n + 12] = cost === null ? Number.NaN : isCostExact ? Number(cost) : -1;
    if (cost !== null && !isCostExact) bigAmounts.push([index, cost.toString(), null]);
    numbers[n + 13] = record.reportedCost === null ? 0 : 1;
    if (record.reportedCost !== null) {
      bigAmounts.push([index, record.reportedCost.amountPico.toString(), record.reportedCost.currency]);
    }
    let tags = tagsText.get(record.tags);
    if (tags === undefined) {
      tags = Object.keys(record.tags).length === 0 ? null : JSON.stringify(record.tags);
      tagsText.set(record.tags, tags);
    }
    const c = index * CODE_FIELDS;
    codes[c] = code(record.provider);
    codes[c + 1] = code(record.model);
    codes[c + 2] = code(record.project);
    codes[c + 3] = code(record.user);
    codes[c + 4] = code(record.team);
    codes[c + 5] = code(record.apiKey);
    codes[c + 6] = code(record.workspace);
    codes[c + 7] = code(record.session);
    codes[c + 8] = code(record.serviceTier);
    codes[c + 9] = code(tags);
    codes[c + 10] = code(pricing.pricedModel);
    codes[c + 11] = code(pricing.unpricedReason);
    codes[c + 12] = code(pricing.priceLayer);
    dedupKeys.push(record.dedupKey);
  }
  return {
    count,
    numbers,
    codes,
    dictionary,
    dedupKeys,
    bigAmounts,
    rejectedRows: batch.rejectedRows,
    collapsedCopies: batch.collapsedCopies,
    problems: batch.problems,
    warnings: batch.warnings,
  };
}

const EMPTY_TAGS: Readonly<Record<string, string>> = Object.freeze({});

export function decodeBatch(encoded: EncodedBatch): ParsedBatch {
  const { numbers, codes, dictionary } = encoded;
  const text = (index: number): string | null => (index === NONE ? null : (dictionary[index] ?? null));
  // One tags object per distinct tags text in the batch (records share it; nobody mutates it).
  const tagsByCode = new Map<number, Readonly<Record<string, string>>>();
  const tagsOf = (index: number): Readonly<Record<string, string>> => {
    if (index === NONE) return EMPTY_TAGS;
    let tags = tagsByCode.get(index);
    if (tags === undefined) {
      tags = Object.freeze(JSON.parse(dictionary[index] ?? '{}') as Record<string, string>);
      tagsByCode.set(index, tags);
    }
    return tags;
  };
  const costs = new Map<number, bigint>();
  const reported = new Map<number, { amountPico: bigint; currency: string }>();
  for (const [index, amount, currency] of encoded.bigAmounts) {
    if (currency === null) costs.set(index, BigInt(amount));
    else reported.set(index, { amountPico: BigInt(amount), currency });
  }
  const records: UsageRecord[] = [];
  const pricings: UsagePricing[] = [];
  for (let index = 0; index < encoded.count; index += 1) {
    const n = index * NUMBER_FIELDS;
    const c = index * CODE_FIELDS;
    const requests = numbers[n + 1] as number;
    const flags = numbers[n + 11] as number;
    const status: RequestStatus = flags >= 2 ? 'error' : 'ok';
    records.push({
      dedupKey: encoded.dedupKeys[index] as string,
      occurredAtMs: numbers[n] as number,
      provider: text(codes[c] as number) ?? '',
      model: text(codes[c + 1] as number) ?? '',
      requests: Number.isNaN(requests) ? null : requests,
      inputTokens: numbers[n + 2] as number,
      cacheReadTokens: numbers[n + 3] as number,
      cacheWrite5mTokens: numbers[n + 4] as number,
      cacheWrite1hTokens: numbers[n + 5] as number,
      cacheWriteTokens: numbers[n + 6] as number,
      outputTokens: numbers[n + 7] as number,
      reasoningTokens: numbers[n + 8] as number,
      webSearchRequests: numbers[n + 9] as number,
      status,
      project: text(codes[c + 2] as number),
      user: text(codes[c + 3] as number),
      team: text(codes[c + 4] as number),
      apiKey: text(codes[c + 5] as number),
      workspace: text(codes[c + 6] as number),
      session: text(codes[c + 7] as number),
      serviceTier: text(codes[c + 8] as number),
      isBatch: flags % 2 === 1,
      tags: tagsOf(codes[c + 9] as number),
      reportedCost: numbers[n + 13] === 1 ? (reported.get(index) ?? null) : null,
      sourceLine: numbers[n + 10] as number,
    });
    const cost = numbers[n + 12] as number;
    pricings.push({
      costPico: Number.isNaN(cost) ? null : cost === -1 ? (costs.get(index) ?? null) : BigInt(cost),
      pricedModel: text(codes[c + 10] as number),
      unpricedReason: text(codes[c + 11] as number),
      priceLayer: text(codes[c + 12] as number) as CostLayer | null,
    });
  }
  return {
    records,
    pricings,
    rejectedRows: encoded.rejectedRows,
    collapsedCopies: encoded.collapsedCopies,
    problems: encoded.problems,
    warnings: encoded.warnings,
  };
}
