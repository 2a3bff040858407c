/** Vendor segments of Bedrock model ids (`anthropic.claude-…`, `meta.llama3-…`). */
const BEDROCK_VENDOR =
  /^(?:(?:us|eu|apac|au|jp|ca|in|global|us-gov)\.)?(anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer|google|nvidia|moonshotai|minimax|twelvelabs|stability|luma)\.(.+)$/;
/** Bedrock version suffixes: `-v1:0`, `-v2`, `:0`. */
const BEDROCK_VERSION = /(?:-v\d+(?::\d+)?|:\d+)$/;
/** Snapshot dates: `-20250929`, `-2024-08-06`, Vertex's `@20250929`. */
const DATE_SUFFIX = /[-@]20\d{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])$/;

export interface ModelIdCandidates {
  /** Lower-cased ids to try, most specific first; each step strips one more decoration. */
  readonly ids: readonly string[];
  /** Route segments that were stripped (`openrouter/anthropic/…` → openrouter, anthropic): provider hints. */
  readonly vendorHints: readonly string[];
}

/**
 * The ids a usage record's model string may be known by in the price book: as written, then without
 * gateway or provider prefixes (`openrouter/anthropic/x` → `anthropic/x` → `x`), without a Bedrock region,
 * vendor and version (`us.anthropic.x-v1:0` → `x`), and without a snapshot date. Matching tries them in
 * this order, so an exact dated id (`gpt-4o-2024-05-13`, priced apart) wins over its stripped form.
 */
export function modelIdCandidates(modelId: string): ModelIdCandidates {
  const ids: string[] = [];
  const vendorHints: string[] = [];
  let id = modelId.trim().toLowerCase();
  const push = (next: string): void => {
    if (next !== '' && !ids.includes(next)) ids.push(next);
    id = next;
  };
  push(id);
  for (let slash = id.indexOf('/'); slash > 0; slash = id.indexOf('/')) {
    vendorHints.push(id.slice(0, slash));
    push(id.slice(slash + 1));
  }
  const bedrock = BEDROCK_VENDOR.exec(id);
  if (bedrock) {
    vendorHints.push(bedrock[1] ?? '');
    push(bedrock[2] ?? '');
    push(id.replace(BEDROCK_VERSION, ''));
  }
  push(id.replace(DATE_SUFFIX, ''));
  return { ids, vendorHints };
}
