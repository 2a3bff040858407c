import { openIngestSession } from '../../src/store/file-ingest.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import type { StoredUsage } from '../../src/store/stored-usage.ts';
import { makeStored } from './make-record.ts';
import { TEST_SOURCE_STATE } from './source-state.ts';

const MODELS = [
  ['openai', 'big'],
  ['openai', 'small'],
  ['anthropic', 'claude-mid'],
  ['acme', 'plain'],
  ['nobody', 'mystery'],
] as const;
const PROJECTS = ['search', 'etl', null] as const;

/** 600 records over three days: sizes across every limit and tier edge, some aggregated, some unknown. */
export function makeReplayRecords(): StoredUsage[] {
  return Array.from({ length: 600 }, (_, index) => {
    const [provider, model] = MODELS[index % MODELS.length] ?? MODELS[0];
    const requests = index % 17 === 0 ? null : index % 7 === 0 ? 3 : 1;
    const scale = [300, 1500, 9000, 60_000, 170_000][Math.floor(index / 5) % 5] ?? 1;
    return makeStored({
      dedupKey: `r${index}`,
      occurredAtMs: Date.UTC(2026, 10, 1) + index * 431_000,
      provider,
      model,
      requests,
      project: PROJECTS[index % 3] ?? null,
      tags: index % 4 === 0 ? { job: 'nightly' } : {},
      isBatch: index % 23 === 0,
      webSearchRequests: index % 29 === 0 ? 2 : 0,
      inputTokens: scale + index,
      cacheReadTokens: index % 2 === 0 ? scale * 2 : 0,
      outputTokens: (index * 37) % 9000,
      reasoningTokens: 0,
      costPico: 1n,
    });
  });
}

export function seededStore(records: readonly StoredUsage[], path = ':memory:'): Store {
  const store = openStore(path);
  const session = openIngestSession(store, 'book-1');
  const file = session.beginFile('/usage.jsonl', 'test', 'requests', 100);
  for (const record of records) file.write(record, record);
  file.commit(TEST_SOURCE_STATE);
  session.close();
  return store;
}
