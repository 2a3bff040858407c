import type { SourceKind } from '../model/source-kind.ts';
import { REQUEST_STATUSES, type RequestStatus, type UsageRecord } from '../model/usage-record.ts';
import { COST_LAYERS } from '../pricing/price-override.ts';
import { dedupHash } from './dedup-hash.ts';
import { createRollupAccumulator, type RollupSums } from './rollup-accumulator.ts';
import type { StoredUsage, UsagePricing } from './stored-usage.ts';

/**
 * Priced usage records packed by column, as the store's write path takes them (file-ingest.ts
 * `writeBatch`): numbers in one Float64Array, texts as indexes into a per-batch dictionary, the dedup
 * keys with their hashes, and the batch's hourly rollup sums as if every record were new (the
 * writer corrects them for the few that are not). It is built where records are parsed, in the parse
 * worker: it crosses to the writing thread as two transferred arrays and a few small objects rather
 * than two objects per record, and the writing thread is left with little more than binding values.
 */
export interface UsageBatch {
  readonly count: number;
  /** The kind of the source the records come from (the rollups are keyed by it). */
  readonly sourceKind: SourceKind;
  /** NUMBER_FIELDS per record (see NUMBER); NaN is null. */
  readonly numbers: Float64Array;
  /** TEXT_FIELDS per record (see TEXT): an index into `dictionary`, NO_TEXT for null. */
  readonly texts: Int32Array;
  readonly dictionary: readonly string[];
  readonly dedupKeys: readonly string[];
  /**
   * Amounts beyond ±2^53 pico-units, as exact text: [record index, NUMBER.costPico or
   * NUMBER.reportedCostPico, amount]. Their slot in `numbers` holds BIG_AMOUNT.
   */
  readonly bigAmounts: readonly (readonly [number, number, string])[];
  /** The batch's rollup sums by UTC hour (the writer adds them into its daily rollup too). */
  readonly hourly: readonly RollupSums[];
}

/** Slots of a record's numbers. */
export const NUMBER = {
  /** dedupHash(dedupKey, 0): the row's key in the store, unless a collision makes it probe on. */
  dedupHash: 0,
  occurredAtMs: 1,
  requests: 2,
  inputTokens: 3,
  cacheReadTokens: 4,
  cacheWrite5mTokens: 5,
  cacheWrite1hTokens: 6,
  cacheWriteTokens: 7,
  outputTokens: 8,
  reasoningTokens: 9,
  webSearchRequests: 10,
  isBatch: 11,
  reportedCostPico: 12,
  costPico: 13,
  sourceLine: 14,
  /** Index in REQUEST_STATUSES. */
  status: 15,
  /** Index in COST_LAYERS; NaN when unpriced or free. */
  priceLayer: 16,
  /** NaN when unknown, as every nullable number. */
  latencyMs: 17,
  timeToFirstTokenMs: 18,
} as const;
export const NUMBER_FIELDS = 19;

/** Slots of a record's texts. */
export const TEXT = {
  provider: 0,
  model: 1,
  project: 2,
  user: 3,
  team: 4,
  apiKey: 5,
  workspace: 6,
  session: 7,
  serviceTier: 8,
  /** The tags as stored: JSON text, null when there are none. */
  tags: 9,
  reportedCurrency: 10,
  pricedModel: 11,
  unpricedReason: 12,
} as const;
export const TEXT_FIELDS = 13;

export const NO_TEXT = -1;
export const BIG_AMOUNT = Number.POSITIVE_INFINITY;

const HOUR_MS = 3_600_000;
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** Packs priced records (`pricings[i]` prices `records[i]`) read from a source of `sourceKind`. */
export function packUsageBatch(
  records: readonly UsageRecord[],
  pricings: readonly UsagePricing[],
  sourceKind: SourceKind,
): UsageBatch {
  const builder = createUsageBatchBuilder(sourceKind, records.length);
  records.forEach((record, index) => {
    builder.add(record, pricings[index] as UsagePricing);
  });
  return builder.take();
}

/**
 * A UsageBatch filled record by record, as records are parsed: they are packed at once and die young
 * (a batch of record objects held until it was full outlived the parse worker's minor garbage
 * collections, which copied and promoted it). The rollup sums are made when the batch is taken, once
 * per record kept (Claude Code writes most messages two or three times, growing).
 */
export interface UsageBatchBuilder {
  readonly count: number;
  add(record: UsageRecord, pricing: UsagePricing): void;
  /** Puts `record` in place of record `index` (a larger copy of the same usage). */
  replace(index: number, record: UsageRecord, pricing: UsagePricing): void;
  /** The total tokens of record `index` (usage-record.ts totalTokens). */
  totalTokensAt(index: number): number;
  /** The batch of the records added since the last take; the builder starts again empty. */
  take(): UsageBatch;
}

export function createUsageBatchBuilder(sourceKind: SourceKind, expectedCount = 16): UsageBatchBuilder {
  // Arrays sized for the batch expected, grown by doubling; after a batch, the next expects as many.
  let expected = Math.max(1, expectedCount);
  let capacity = 0;
  let numbers = new Float64Array(0);
  let texts = new Int32Array(0);
  let count = 0;
  let dictionary: string[] = [];
  let indexOf = new Map<string, number>();
  let dedupKeys: string[] = [];
  let bigAmounts: (readonly [number, number, string])[] = [];
  let tagsText = createTagsTexts();
  const code = (text: string | null): number => {
    if (text === null) return NO_TEXT;
    let index = indexOf.get(text);
    if (index === undefined) {
      index = dictionary.length;
      dictionary.push(text);
      indexOf.set(text, index);
    }
    return index;
  };
  const amount = (index: number, slot: number, pico: bigint | null): number => {
    if (pico === null) return Number.NaN;
    if (pico <= MAX_EXACT && pico >= -MAX_EXACT) return Number(pico);
    bigAmounts.push([index, slot, pico.toString()]);
    return BIG_AMOUNT;
  };
  const write = (index: number, record: UsageRecord, pricing: UsagePricing): void => {
    const n = index * NUMBER_FIELDS;
    numbers[n + NUMBER.dedupHash] = dedupHash(record.dedupKey);
    numbers[n + NUMBER.occurredAtMs] = record.occurredAtMs;
    numbers[n + NUMBER.requests] = record.requests ?? Number.NaN;
    numbers[n + NUMBER.inputTokens] = record.inputTokens;
    numbers[n + NUMBER.cacheReadTokens] = record.cacheReadTokens;
    numbers[n + NUMBER.cacheWrite5mTokens] = record.cacheWrite5mTokens;
    numbers[n + NUMBER.cacheWrite1hTokens] = record.cacheWrite1hTokens;
    numbers[n + NUMBER.cacheWriteTokens] = record.cacheWriteTokens;
    numbers[n + NUMBER.outputTokens] = record.outputTokens;
    numbers[n + NUMBER.reasoningTokens] = record.reasoningTokens;
    numbers[n + NUMBER.webSearchRequests] = record.webSearchRequests;
    numbers[n + NUMBER.isBatch] = record.isBatch ? 1 : 0;
    numbers[n + NUMBER.reportedCostPico] = amount(
      index,
      NUMBER.reportedCostPico,
      record.reportedCost?.amountPico ?? null,
    );
    numbers[n + NUMBER.costPico] = amount(index, NUMBER.costPico, pricing.costPico);
    numbers[n + NUMBER.sourceLine] = record.sourceLine;
    numbers[n + NUMBER.status] = REQUEST_STATUSES.indexOf(record.status);
    numbers[n + NUMBER.priceLayer] =
      pricing.priceLayer === null ? Number.NaN : COST_LAYERS.indexOf(pricing.priceLayer);
    numbers[n + NUMBER.latencyMs] = record.latencyMs ?? Number.NaN;
    numbers[n + NUMBER.timeToFirstTokenMs] = record.timeToFirstTokenMs ?? Number.NaN;
    const t = index * TEXT_FIELDS;
    texts[t + TEXT.provider] = code(record.provider);
    texts[t + TEXT.model] = code(record.model);
    texts[t + TEXT.project] = code(record.project);
    texts[t + TEXT.user] = code(record.user);
    texts[t + TEXT.team] = code(record.team);
    texts[t + TEXT.apiKey] = code(record.apiKey);
    texts[t + TEXT.workspace] = code(record.workspace);
    texts[t + TEXT.session] = code(record.session);
    texts[t + TEXT.serviceTier] = code(record.serviceTier);
    texts[t + TEXT.tags] = code(tagsText(record.tags));
    texts[t + TEXT.reportedCurrency] = code(record.reportedCost?.currency ?? null);
    texts[t + TEXT.pricedModel] = code(pricing.pricedModel);
    texts[t + TEXT.unpricedReason] = code(pricing.unpricedReason);
    dedupKeys[index] = record.dedupKey;
  };
  /** The batch so far, its arrays cut to `count` records. */
  const view = (): UsageBatch => ({
    count,
    sourceKind,
    numbers: count * NUMBER_FIELDS === numbers.length ? numbers : numbers.slice(0, count * NUMBER_FIELDS),
    texts: count * TEXT_FIELDS === texts.length ? texts : texts.slice(0, count * TEXT_FIELDS),
    dictionary,
    dedupKeys,
    bigAmounts,
    hourly: [],
  });
  return {
    get count() {
      return count;
    },
    add(record, pricing) {
      if (count === capacity) {
        capacity = Math.max(expected, capacity * 2);
        const grownNumbers = new Float64Array(capacity * NUMBER_FIELDS);
        grownNumbers.set(numbers);
        numbers = grownNumbers;
        const grownTexts = new Int32Array(capacity * TEXT_FIELDS);
        grownTexts.set(texts);
        texts = grownTexts;
      }
      count += 1;
      write(count - 1, record, pricing);
    },
    replace(index, record, pricing) {
      if (bigAmounts.length > 0) bigAmounts = bigAmounts.filter(([row]) => row !== index);
      write(index, record, pricing);
    },
    totalTokensAt(index) {
      const n = index * NUMBER_FIELDS;
      return (
        (numbers[n + NUMBER.inputTokens] as number) +
        (numbers[n + NUMBER.cacheReadTokens] as number) +
        (numbers[n + NUMBER.cacheWrite5mTokens] as number) +
        (numbers[n + NUMBER.cacheWrite1hTokens] as number) +
        (numbers[n + NUMBER.cacheWriteTokens] as number) +
        (numbers[n + NUMBER.outputTokens] as number)
      );
    },
    take() {
      const packed = view();
      const batch: UsageBatch = { ...packed, hourly: sumByHour(packed) };
      // The arrays go to the writing thread (transferred): the next batch gets new ones when it starts.
      expected = Math.max(1, count);
      capacity = 0;
      numbers = new Float64Array(0);
      texts = new Int32Array(0);
      count = 0;
      dictionary = [];
      indexOf = new Map();
      dedupKeys = [];
      bigAmounts = [];
      tagsText = createTagsTexts();
      return batch;
    },
  };
}

/**
 * Record `index` of a batch back as a record and its pricing (for the rare rows the writer looks at).
 * Without tags (`withTags: false`) when only its counts and labels matter.
 */
export function unpackUsage(
  batch: UsageBatch,
  index: number,
  { withTags = true }: { readonly withTags?: boolean } = {},
): StoredUsage {
  const n = index * NUMBER_FIELDS;
  const t = index * TEXT_FIELDS;
  const number = (slot: number): number => batch.numbers[n + slot] as number;
  const text = (slot: number): string | null => {
    const code = batch.texts[t + slot] as number;
    return code === NO_TEXT ? null : (batch.dictionary[code] as string);
  };
  const amount = (slot: number): bigint | null => numberAmount(batch, index, slot);
  const requests = number(NUMBER.requests);
  const reportedCostPico = amount(NUMBER.reportedCostPico);
  const tags = text(TEXT.tags);
  const latencyMs = number(NUMBER.latencyMs);
  const timeToFirstTokenMs = number(NUMBER.timeToFirstTokenMs);
  return {
    dedupKey: batch.dedupKeys[index] as string,
    occurredAtMs: number(NUMBER.occurredAtMs),
    provider: text(TEXT.provider) ?? '',
    model: text(TEXT.model) ?? '',
    requests: Number.isNaN(requests) ? null : requests,
    inputTokens: number(NUMBER.inputTokens),
    cacheReadTokens: number(NUMBER.cacheReadTokens),
    cacheWrite5mTokens: number(NUMBER.cacheWrite5mTokens),
    cacheWrite1hTokens: number(NUMBER.cacheWrite1hTokens),
    cacheWriteTokens: number(NUMBER.cacheWriteTokens),
    outputTokens: number(NUMBER.outputTokens),
    reasoningTokens: number(NUMBER.reasoningTokens),
    webSearchRequests: number(NUMBER.webSearchRequests),
    status: REQUEST_STATUSES[number(NUMBER.status)] as RequestStatus,
    project: text(TEXT.project),
    user: text(TEXT.user),
    team: text(TEXT.team),
    apiKey: text(TEXT.apiKey),
    workspace: text(TEXT.workspace),
    session: text(TEXT.session),
    serviceTier: text(TEXT.serviceTier),
    isBatch: number(NUMBER.isBatch) === 1,
    tags: tags === null || !withTags ? {} : (JSON.parse(tags) as Record<string, string>),
    reportedCost:
      reportedCostPico === null
        ? null
        : { amountPico: reportedCostPico, currency: text(TEXT.reportedCurrency) ?? '' },
    latencyMs: Number.isNaN(latencyMs) ? null : latencyMs,
    timeToFirstTokenMs: Number.isNaN(timeToFirstTokenMs) ? null : timeToFirstTokenMs,
    sourceLine: number(NUMBER.sourceLine),
    costPico: amount(NUMBER.costPico),
    pricedModel: text(TEXT.pricedModel),
    unpricedReason: text(TEXT.unpricedReason),
    priceLayer: COST_LAYERS[number(NUMBER.priceLayer)] ?? null,
  };
}

/** The hourly rollup sums of a batch's records, read from its arrays through one reused record. */
function sumByHour(batch: UsageBatch): RollupSums[] {
  const hourly = createRollupAccumulator(HOUR_MS);
  const { numbers, texts, dictionary } = batch;
  const text = (index: number, slot: number): string | null => {
    const code = texts[index * TEXT_FIELDS + slot] as number;
    return code === NO_TEXT ? null : (dictionary[code] as string);
  };
  // One literal, so the record keeps one shape while its fields change.
  const row: Mutable<StoredUsage> = {
    dedupKey: '',
    occurredAtMs: 0,
    provider: '',
    model: '',
    requests: null,
    inputTokens: 0,
    cacheReadTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    webSearchRequests: 0,
    status: 'ok',
    project: null,
    user: null,
    team: null,
    apiKey: null,
    workspace: null,
    session: null,
    serviceTier: null,
    isBatch: false,
    tags: {},
    reportedCost: null,
    latencyMs: null,
    timeToFirstTokenMs: null,
    sourceLine: 0,
    costPico: null,
    pricedModel: null,
    unpricedReason: null,
    priceLayer: null,
  };
  for (let index = 0; index < batch.count; index += 1) {
    const n = index * NUMBER_FIELDS;
    const requests = numbers[n + NUMBER.requests] as number;
    const reportedCostPico = numberAmount(batch, index, NUMBER.reportedCostPico);
    row.occurredAtMs = numbers[n + NUMBER.occurredAtMs] as number;
    row.provider = text(index, TEXT.provider) ?? '';
    row.model = text(index, TEXT.model) ?? '';
    row.requests = Number.isNaN(requests) ? null : requests;
    row.inputTokens = numbers[n + NUMBER.inputTokens] as number;
    row.cacheReadTokens = numbers[n + NUMBER.cacheReadTokens] as number;
    row.cacheWrite5mTokens = numbers[n + NUMBER.cacheWrite5mTokens] as number;
    row.cacheWrite1hTokens = numbers[n + NUMBER.cacheWrite1hTokens] as number;
    row.cacheWriteTokens = numbers[n + NUMBER.cacheWriteTokens] as number;
    row.outputTokens = numbers[n + NUMBER.outputTokens] as number;
    row.reasoningTokens = numbers[n + NUMBER.reasoningTokens] as number;
    row.webSearchRequests = numbers[n + NUMBER.webSearchRequests] as number;
    row.status = REQUEST_STATUSES[numbers[n + NUMBER.status] as number] as RequestStatus;
    row.reportedCost =
      reportedCostPico === null
        ? null
        : { amountPico: reportedCostPico, currency: text(index, TEXT.reportedCurrency) ?? '' };
    row.costPico = numberAmount(batch, index, NUMBER.costPico);
    row.priceLayer = COST_LAYERS[numbers[n + NUMBER.priceLayer] as number] ?? null;
    hourly.apply(row, row, batch.sourceKind, 1);
  }
  return hourly.drain();
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An amount column of record `index`: null, or its exact value (from text beyond 2^53). */
function numberAmount(batch: UsageBatch, index: number, slot: number): bigint | null {
  const value = batch.numbers[index * NUMBER_FIELDS + slot] as number;
  if (Number.isNaN(value)) return null;
  if (value !== BIG_AMOUNT) return BigInt(value);
  const big = batch.bigAmounts.find(([row, column]) => row === index && column === slot);
  return big === undefined ? null : BigInt(big[2]);
}

/** A level of the tags trie: keys and values alternate, in the objects' key order. */
interface TagsNode {
  readonly next: Map<string, TagsNode>;
  /** The JSON text of the tags whose keys and values lead here (null for no tags). */
  text: string | null | undefined;
}

/**
 * Tags as stored: JSON text, or null for none. Records of one batch mostly carry the same few sets of
 * tags, each in an object of its own (parsed from its line): a trie of their keys and values finds the
 * text made for an equal object in a third of the time JSON.stringify takes. Per batch, so it stays
 * as small as the batch.
 */
function createTagsTexts(): (tags: Readonly<Record<string, string>>) => string | null {
  const root: TagsNode = { next: new Map(), text: undefined };
  const child = (node: TagsNode, step: string): TagsNode => {
    let found = node.next.get(step);
    if (found === undefined) {
      found = { next: new Map(), text: undefined };
      node.next.set(step, found);
    }
    return found;
  };
  // Records of one source often share one tags object (an adapter's constant): the last one is kept.
  let lastTags: Readonly<Record<string, string>> | null = null;
  let lastText: string | null = null;
  return (tags) => {
    if (tags === lastTags) return lastText;
    let node = root;
    for (const key in tags) {
      if (Object.hasOwn(tags, key)) node = child(child(node, key), tags[key] as string);
    }
    node.text ??= node === root ? null : JSON.stringify(tags);
    lastTags = tags;
    lastText = node.text;
    return lastText;
  };
}
