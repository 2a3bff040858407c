/** A rollup table: sums of usage per time bucket (`timeColumn`), provider, model and currency. */
function rollupTableSql(table: string, timeColumn: string): string {
  return `
  CREATE TABLE ${table} (
    ${timeColumn}         INTEGER NOT NULL,
    provider              TEXT NOT NULL,
    model                 TEXT NOT NULL,
    reported_currency     TEXT NOT NULL,      -- '' when the usage states no cost
    records               INTEGER NOT NULL,
    requests              INTEGER NOT NULL,
    requests_unknown      INTEGER NOT NULL,   -- records whose request count is unknown
    error_requests        INTEGER NOT NULL,
    input_tokens          INTEGER NOT NULL,
    cache_read_tokens     INTEGER NOT NULL,
    cache_write_5m_tokens INTEGER NOT NULL,
    cache_write_1h_tokens INTEGER NOT NULL,
    cache_write_tokens    INTEGER NOT NULL,
    output_tokens         INTEGER NOT NULL,
    reasoning_tokens      INTEGER NOT NULL,
    web_search_requests   INTEGER NOT NULL,
    cost_pico             INTEGER NOT NULL,   -- sum over priced records
    reported_cost_pico    INTEGER NOT NULL,
    unpriced_records      INTEGER NOT NULL,
    unpriced_requests     INTEGER NOT NULL,
    unpriced_tokens       INTEGER NOT NULL,
    PRIMARY KEY (${timeColumn}, provider, model, reported_currency)
  ) WITHOUT ROWID;`;
}

/**
 * Migration 4's rollup table: migration 1's columns and 3's, keyed by source kind as well (billing
 * export or request log), so reports can choose one kind where both cover a provider and day.
 */
function rollupTableWithKindSql(table: string, timeColumn: string): string {
  return `
  CREATE TABLE ${table} (
    ${timeColumn}         INTEGER NOT NULL,
    provider              TEXT NOT NULL,
    model                 TEXT NOT NULL,
    reported_currency     TEXT NOT NULL,      -- '' when the usage states no cost
    source_kind           TEXT NOT NULL,      -- billing | requests
    records               INTEGER NOT NULL,
    requests              INTEGER NOT NULL,
    requests_unknown      INTEGER NOT NULL,   -- records whose request count is unknown
    error_requests        INTEGER NOT NULL,
    input_tokens          INTEGER NOT NULL,
    cache_read_tokens     INTEGER NOT NULL,
    cache_write_5m_tokens INTEGER NOT NULL,
    cache_write_1h_tokens INTEGER NOT NULL,
    cache_write_tokens    INTEGER NOT NULL,
    output_tokens         INTEGER NOT NULL,
    reasoning_tokens      INTEGER NOT NULL,
    web_search_requests   INTEGER NOT NULL,
    cost_pico             INTEGER NOT NULL,   -- sum over priced records
    reported_cost_pico    INTEGER NOT NULL,
    unpriced_records      INTEGER NOT NULL,
    unpriced_requests     INTEGER NOT NULL,
    unpriced_tokens       INTEGER NOT NULL,
    overlay_cost_pico     INTEGER NOT NULL,
    override_cost_pico    INTEGER NOT NULL,
    PRIMARY KEY (${timeColumn}, provider, model, reported_currency, source_kind)
  ) WITHOUT ROWID;
  INSERT INTO ${table} SELECT ${timeColumn === 'hour_start_ms' ? 'occurred_at_ms - (occurred_at_ms % 3600000)' : 'occurred_at_ms - (occurred_at_ms % 86400000)'},
    provider, model, COALESCE(reported_currency, ''), source_kind, COUNT(*), SUM(COALESCE(requests, 0)),
    SUM(requests IS NULL), SUM(CASE WHEN status = 'error' THEN MAX(COALESCE(requests, 0), 1) ELSE 0 END),
    SUM(input_tokens), SUM(cache_read_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens),
    SUM(cache_write_tokens), SUM(output_tokens), SUM(reasoning_tokens), SUM(web_search_requests),
    SUM(COALESCE(cost_pico, 0)), SUM(COALESCE(reported_cost_pico, 0)), SUM(cost_pico IS NULL),
    SUM(CASE WHEN cost_pico IS NULL THEN COALESCE(requests, 0) ELSE 0 END),
    SUM(CASE WHEN cost_pico IS NULL THEN input_tokens + cache_read_tokens + cache_write_5m_tokens
      + cache_write_1h_tokens + cache_write_tokens + output_tokens ELSE 0 END),
    SUM(CASE WHEN price_layer = 'overlay' THEN cost_pico ELSE 0 END),
    SUM(CASE WHEN price_layer = 'override' THEN cost_pico ELSE 0 END)
  FROM usage GROUP BY 1, 2, 3, 4, 5;`;
}

/**
 * Append-only schema migrations, tracked by `PRAGMA user_version`. Never edit a released migration:
 * add a new one. Money (pico-dollars), token counts and instants (epoch ms) are INTEGER columns.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: sources, price books, usage, hourly and daily rollups */ `
  CREATE TABLE sources (
    id                INTEGER PRIMARY KEY,
    path              TEXT NOT NULL UNIQUE,   -- absolute path, or '-' for stdin
    format            TEXT NOT NULL,
    size_bytes        INTEGER NOT NULL,
    mtime_ms          INTEGER NOT NULL,
    fingerprint       TEXT NOT NULL,          -- sha256 of size + first and last 16 KiB read
    bytes_ingested    INTEGER NOT NULL,       -- offset after the last complete line read
    lines_ingested    INTEGER NOT NULL,
    rows_read         INTEGER NOT NULL,       -- cumulative over every ingest of this path
    rows_stored       INTEGER NOT NULL,
    rows_duplicate    INTEGER NOT NULL,
    rows_rejected     INTEGER NOT NULL,
    ingested_at_ms    INTEGER NOT NULL
  );

  -- Each price book version that priced stored usage (costs are history: see reprice).
  CREATE TABLE price_books (
    id                INTEGER PRIMARY KEY,
    version           TEXT NOT NULL UNIQUE
  );

  -- dedup_hash is dedupHash(dedup_key) (store/dedup-hash.ts), probed with another seed on the rare
  -- collision. Its unique index holds 8-byte integers instead of long text keys, so it stays in cache on
  -- million-row ingests, while rows are appended in id order.
  CREATE TABLE usage (
    id                    INTEGER PRIMARY KEY,
    dedup_hash            INTEGER NOT NULL UNIQUE,
    dedup_key             TEXT NOT NULL,
    occurred_at_ms        INTEGER NOT NULL,
    provider              TEXT NOT NULL,
    model                 TEXT NOT NULL,
    requests              INTEGER,            -- NULL: the source has no request count
    input_tokens          INTEGER NOT NULL,
    cache_read_tokens     INTEGER NOT NULL,
    cache_write_5m_tokens INTEGER NOT NULL,
    cache_write_1h_tokens INTEGER NOT NULL,
    cache_write_tokens    INTEGER NOT NULL,
    output_tokens         INTEGER NOT NULL,
    reasoning_tokens      INTEGER NOT NULL,
    web_search_requests   INTEGER NOT NULL,
    status                TEXT NOT NULL,
    project               TEXT,
    user                  TEXT,
    team                  TEXT,
    api_key               TEXT,
    workspace             TEXT,
    session               TEXT,
    service_tier          TEXT,
    is_batch              INTEGER NOT NULL,
    tags                  TEXT,               -- JSON object, NULL when none
    reported_cost_pico    INTEGER,
    reported_currency     TEXT,
    cost_pico             INTEGER,            -- list cost; NULL = unpriced (never 0 for unknown)
    priced_model          TEXT,
    unpriced_reason       TEXT,
    price_book_id         INTEGER REFERENCES price_books(id),
    source_id             INTEGER NOT NULL REFERENCES sources(id),
    source_line           INTEGER NOT NULL
  );

  -- Time ranges on usage rows (report edges, dimensions the rollup lacks); usage arrives roughly in
  -- time order, so this index grows at its end.
  CREATE INDEX usage_time ON usage (occurred_at_ms);

  -- Unpriced usage is rare; this partial index lets every report list it without scanning all usage.
  CREATE INDEX usage_unpriced ON usage (provider, model) WHERE cost_pico IS NULL;

  -- Rollups maintained at ingest so reports read thousands of rows, not millions, by provider and
  -- model only: with more dimensions, request-level logs give nearly one rollup row per request and a
  -- rollup stops paying for itself. Hourly: any zone with whole-hour offsets buckets exactly. Daily
  -- (UTC days): reports in UTC, the usual CI setting, read about 24 times fewer rows.
  ${rollupTableSql('usage_hourly', 'hour_start_ms')}
  ${rollupTableSql('usage_daily', 'day_start_ms')}
  `,
  /* 2: acknowledged anomaly findings (llmcost anomalies ack) */ `
  -- One row per acknowledged finding. finding_id is the stable id the anomalies command prints (a hash
  -- of series, kind and start); the other columns say what it was, for people reading the table.
  CREATE TABLE anomaly_acks (
    finding_id            TEXT PRIMARY KEY,
    series                TEXT NOT NULL,
    kind                  TEXT NOT NULL,
    start_ms              INTEGER NOT NULL,
    reason                TEXT NOT NULL,
    acknowledged_at_ms    INTEGER NOT NULL
  );
  `,
  /* 3: the layer that priced each stored cost, and the rollups' list cost per layer */ `
  ALTER TABLE usage ADD COLUMN price_layer TEXT;   -- catalogue | overlay | override; NULL: unpriced, free, or stored before 3
  ALTER TABLE usage_hourly ADD COLUMN overlay_cost_pico INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE usage_hourly ADD COLUMN override_cost_pico INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE usage_daily ADD COLUMN overlay_cost_pico INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE usage_daily ADD COLUMN override_cost_pico INTEGER NOT NULL DEFAULT 0;
  `,
  /* 4: each usage row's source kind, and rollups keyed by it */ `
  -- The kind of the format that stored each row (the adapter's kind at ingest). Rows stored before 4
  -- take it from their source's format: these five formats were the billing exports then.
  ALTER TABLE usage ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'requests';   -- billing | requests
  UPDATE usage SET source_kind = 'billing' WHERE source_id IN (SELECT id FROM sources WHERE format IN
    ('openai-usage', 'openai-costs', 'anthropic-usage', 'anthropic-cost', 'anthropic-console-csv'));
  DROP TABLE usage_hourly;
  DROP TABLE usage_daily;
  ${rollupTableWithKindSql('usage_hourly', 'hour_start_ms')}
  ${rollupTableWithKindSql('usage_daily', 'day_start_ms')}
  `,
  /* 5: budget alerts fired (once per threshold per period) and closed budget periods kept as history */ `
  -- An alert of budget check: one row per budget, period and threshold ("80", "90:forecast",
  -- "breach-probability"), so each fires once per period.
  CREATE TABLE budget_alerts (
    budget                TEXT NOT NULL,
    period_start_ms       INTEGER NOT NULL,
    threshold             TEXT NOT NULL,
    period_label          TEXT NOT NULL,
    level                 TEXT NOT NULL,
    spent_pico            INTEGER NOT NULL,
    amount_pico           INTEGER NOT NULL,
    currency              TEXT NOT NULL,
    fired_at_ms           INTEGER NOT NULL,
    PRIMARY KEY (budget, period_start_ms, threshold)
  );
  -- A budget period that has ended, as it stood when first seen closed (amount, spend): the history
  -- budget show prints survives a change of the budget's amount or the pruning of old usage.
  CREATE TABLE budget_periods (
    budget                TEXT NOT NULL,
    period_start_ms       INTEGER NOT NULL,
    period_end_ms         INTEGER NOT NULL,
    period_label          TEXT NOT NULL,
    amount_pico           INTEGER NOT NULL,
    spent_pico            INTEGER NOT NULL,
    currency              TEXT NOT NULL,
    recorded_at_ms        INTEGER NOT NULL,
    PRIMARY KEY (budget, period_start_ms)
  );
  `,
  /* 6: decisions on recommendations (llmcost recommend accept|reject), with what was predicted */ `
  -- One row per recommendation decided. recommendation_id is the stable id recommend prints (a hash of
  -- the change and its scope); deciding again replaces the row. The prediction is kept as it was when
  -- decided, so recommend verify compares later spend with it even after prices or usage change.
  CREATE TABLE recommendation_decisions (
    recommendation_id     TEXT PRIMARY KEY,
    kind                  TEXT NOT NULL,
    title                 TEXT NOT NULL,
    decision              TEXT NOT NULL,      -- accepted | rejected
    reason                TEXT,               -- --reason, NULL when none was given
    decided_at_ms         INTEGER NOT NULL,
    change                TEXT NOT NULL,      -- JSON: kind, scope and parameters of the change
    window_start_ms       INTEGER NOT NULL,   -- the usage the prediction was replayed on
    window_end_ms         INTEGER NOT NULL,
    baseline_requests     INTEGER NOT NULL,   -- its requests (known counts)
    baseline_cost_pico    INTEGER NOT NULL,   -- that usage as it cost
    scenario_cost_pico    INTEGER NOT NULL,   -- that usage replayed under the change
    monthly_savings_pico  INTEGER NOT NULL,   -- (baseline - scenario) per 30.4375 days
    pricing_version       TEXT NOT NULL
  );
  `,
  /* 7: each request's timing, where its source states it */ `
  -- Whole milliseconds from the request's start to its end, and to its first output token (LiteLLM,
  -- OpenRouter, Langfuse, llmcost-jsonl state them). NULL: the source does not say, or the row was
  -- stored before 7 (rows are never re-read to fill them: a duplicate leaves the stored row as it is).
  ALTER TABLE usage ADD COLUMN latency_ms INTEGER;
  ALTER TABLE usage ADD COLUMN ttft_ms INTEGER;
  `,
];
