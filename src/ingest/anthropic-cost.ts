/**
 * anthropic-cost: the Anthropic Admin API cost report, `GET /v1/organizations/cost_report` (admin key;
 * daily buckets), saved as returned: one page pretty-printed, pages one per line, or a JSON array of
 * pages. Docs: https://docs.anthropic.com/en/api/admin-api/usage-cost/get-cost-report; FORMATS.md §2.2.
 *
 *   {"data":[{"starting_at":"2026-11-01T00:00:00Z","ending_at":"2026-11-02T00:00:00Z","results":[
 *    {"currency":"USD","amount":"123.45","workspace_id":"wrkspc_01Jx","description":"Claude Sonnet 4.5
 *     Usage - Input Tokens","cost_type":"tokens","context_window":"0-200k","model":"claude-sonnet-4-5",
 *     "service_tier":"standard","token_type":"uncached_input_tokens"}]}],"has_more":false,"next_page":null}
 *
 * `amount` is a decimal string in **cents** ("123.45" = $1.2345), stored exactly as the reported
 * cost in dollars. One record per cost line: no tokens (the usage report has them), `requests` 0 (a
 * cost line counts money, not requests); cost type, description and token type as tags. Priority Tier
 * costs are not in this report (FORMATS.md §2.2).
 * Dedup key: `anthropic-cost:<start>-<end>:<grouping dimensions with a value>` (bucket-dedup-key.ts):
 * the same day and grouping from a re-export or another page layout is the same line; an export
 * grouped differently does not collide with it.
 */
import { EMPTY_USAGE, type UsageRecord } from '../model/usage-record.ts';
import { DOCUMENT_SNIFF_LINES, type Adapter } from './adapter.ts';
import { readServiceTier } from './read-service-tier.ts';
import { ANTHROPIC_BOUNDS } from './anthropic-usage.ts';
import { createBillingExportParser } from './billing-export-parser.ts';
import { bucketDedupKey, dimensionTags } from './bucket-dedup-key.ts';
import { startsWithJson } from './openai-usage.ts';
import { ALL_MODELS } from './read-openai-usage-result.ts';
import { readPageBuckets, type BucketRow } from './read-page-buckets.ts';
import { readStatedAmount } from './read-stated-amount.ts';

/** Stored as `model` for a cost line of no model (code execution, sessions) in an export grouped by description. */
export const NO_MODEL = '(no model)';

/** Group-by dimensions of the cost report, in key order. */
const DIMENSIONS = [
  'workspace_id',
  'description',
  'cost_type',
  'token_type',
  'model',
  'service_tier',
  'context_window',
  'inference_geo',
] as const;

const TAGGED_DIMENSIONS = [
  'description',
  'cost_type',
  'token_type',
  'context_window',
  'inference_geo',
] as const;

export const anthropicCostAdapter: Adapter = {
  kind: 'billing',
  isDocument: true,
  sniffLines: DOCUMENT_SNIFF_LINES,
  format: 'anthropic-cost',
  obtainedFrom: "the Admin API's GET /v1/organizations/cost_report (an admin key) saved as JSON",
  description:
    'Anthropic Admin API cost report pages (GET /v1/organizations/cost_report; admin key) saved as JSON; ' +
    'amounts in cents, stored exactly as reported costs',
  example:
    '{"data":[{"starting_at":"2026-11-01T00:00:00Z","ending_at":"2026-11-02T00:00:00Z","results":[{"currency":"USD","amount":"123.45","workspace_id":"wrkspc_01Jx","description":"Claude Sonnet 4.5 Usage - Input Tokens","cost_type":"tokens","model":"claude-sonnet-4-5","service_tier":"standard","token_type":"uncached_input_tokens"}]}],"has_more":false,"next_page":null}',
  sniff(firstLines) {
    return (
      startsWithJson(firstLines) &&
      firstLines.some((line) => /"starting_at"\s*:/.test(line)) &&
      firstLines.some((line) => /"(amount|cost_type|token_type)"\s*:/.test(line)) &&
      !firstLines.some((line) => /"uncached_input_tokens"\s*:/.test(line))
    );
  },
  createParser(source) {
    const file = source.file;
    return createBillingExportParser(file, {
      name: 'an Anthropic cost report page',
      readJsonObject: (found) => readPageBuckets(found, file, ANTHROPIC_BOUNDS, readCostResult),
    });
  },
};

function readCostResult(row: BucketRow): UsageRecord | null {
  const { result, path, check } = row;
  const dims = DIMENSIONS.map(
    (name) => [name, check.optionalString(result[name], `${path}${name}`)] as const,
  );
  const text = (name: (typeof DIMENSIONS)[number]): string | null =>
    dims.find(([dimension]) => dimension === name)?.[1] ?? null;
  if (result.amount === undefined && result.uncached_input_tokens !== undefined) {
    check.fail(
      `${path}amount`,
      'expected a cost, got usage (a usage report page: use --from anthropic-usage)',
    );
    return null;
  }
  const reportedCost = readStatedAmount(
    {
      value: result.amount,
      valueField: `${path}amount`,
      unit: 'cents',
      currency: result.currency,
      currencyField: `${path}currency`,
    },
    check,
  );
  if (reportedCost === null) return null;
  const tags = dimensionTags(TAGGED_DIMENSIONS, text);
  return {
    ...EMPTY_USAGE,
    dedupKey: bucketDedupKey('anthropic-cost', row.startMs, row.endMs, dims),
    occurredAtMs: row.startMs,
    provider: 'anthropic',
    model: text('model') ?? (text('description') === null ? ALL_MODELS : NO_MODEL),
    requests: 0,
    workspace: text('workspace_id'),
    ...readServiceTier(text('service_tier')),
    tags,
    reportedCost,
    sourceLine: row.line,
  };
}
