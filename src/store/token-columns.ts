/** The per-record count columns of `usage`, also summed as they are in the rollup tables (same names). */
export const TOKEN_COLUMNS = [
  'input_tokens',
  'cache_read_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'web_search_requests',
] as const;

/** SQL for every token of a row or rollup row (reasoning is inside output, so not added). */
export const PROMPT_AND_OUTPUT_TOKENS_SQL =
  'input_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_write_tokens + output_tokens';
