import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/ingest/index.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { openStore } from '../../src/store/open-store.ts';
import { rebuildRollups } from '../../src/store/rebuild-rollups.ts';

/** A store file left at schema version 3, with one billing export row and one request log row. */
function storeAtVersion3(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'llmcost-migrate-')), 'old.db');
  const old = new Database(path);
  for (const [index, sql] of MIGRATIONS.slice(0, 3).entries()) {
    old.exec(sql);
    old.pragma(`user_version = ${index + 1}`);
  }
  const insertSource = old.prepare(
    `INSERT INTO sources (id, path, format, size_bytes, mtime_ms, fingerprint, bytes_ingested,
       lines_ingested, rows_read, rows_stored, rows_duplicate, rows_rejected, ingested_at_ms)
     VALUES (?, ?, ?, 0, 0, '', 0, 0, 0, 0, 0, 0, 0)`,
  );
  insertSource.run(1, '/usage.json', 'anthropic-usage');
  insertSource.run(2, '/session.jsonl', 'claude-code');
  const insertUsage = old.prepare(
    `INSERT INTO usage (dedup_hash, dedup_key, occurred_at_ms, provider, model, requests, input_tokens,
       cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_write_tokens, output_tokens,
       reasoning_tokens, web_search_requests, status, is_batch, cost_pico, source_id, source_line)
     VALUES (?, ?, ?, 'anthropic', 'claude-sonnet-4-5', ?, ?, 0, 0, 0, 0, 10, 0, 0, 'ok', 0, ?, ?, 1)`,
  );
  const day = Date.UTC(2026, 10, 1);
  insertUsage.run(1, 'bucket', day, null, 1_000, 5_000, 1);
  insertUsage.run(2, 'message', day + 3_600_000, 1, 900, 4_500, 2);
  old.close();
  return path;
}

describe('migration 4 (source kinds)', () => {
  it('gives existing rows the kind of their source format and rolls them up per kind', () => {
    const store = openStore(storeAtVersion3());
    expect(store.prepare('SELECT dedup_key, source_kind FROM usage ORDER BY 1').all()).toEqual([
      { dedup_key: 'bucket', source_kind: 'billing' },
      { dedup_key: 'message', source_kind: 'requests' },
    ]);
    const daily = store
      .prepare('SELECT source_kind, records, input_tokens, cost_pico FROM usage_daily ORDER BY 1')
      .all();
    expect(daily).toEqual([
      { source_kind: 'billing', records: 1, input_tokens: 1_000, cost_pico: 5_000 },
      { source_kind: 'requests', records: 1, input_tokens: 900, cost_pico: 4_500 },
    ]);
    const dump = (table: string) => store.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4, 5`).all();
    const migrated = { hourly: dump('usage_hourly'), daily: dump('usage_daily') };
    rebuildRollups(store, null);
    expect({ hourly: dump('usage_hourly'), daily: dump('usage_daily') }).toEqual(migrated);
  });

  it('names as billing exports exactly the formats whose adapters are billing ones', () => {
    const billingFormats = ADAPTERS.filter((adapter) => adapter.kind === 'billing').map(
      (adapter) => `'${adapter.format}'`,
    );
    const migration = MIGRATIONS[3] ?? '';
    const listed = /format IN\s*\(([^)]*)\)/
      .exec(migration)?.[1]
      ?.split(',')
      .map((name) => name.trim());
    expect(new Set(listed)).toEqual(new Set(billingFormats));
  });
});

describe('migration 7 (request timing)', () => {
  it('adds nullable latency and first-token columns: rows stored before read as unknown', () => {
    const store = openStore(storeAtVersion3());
    expect(store.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(store.prepare('SELECT dedup_key, latency_ms, ttft_ms FROM usage ORDER BY 1').all()).toEqual([
      { dedup_key: 'bucket', latency_ms: null, ttft_ms: null },
      { dedup_key: 'message', latency_ms: null, ttft_ms: null },
    ]);
  });
});
