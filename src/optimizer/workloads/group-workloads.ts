import { promptTokensOf, sizeClassOf, SIZE_CLASSES } from './size-class.ts';
import {
  groupValueOf,
  workloadId,
  type Workload,
  type WorkloadDimension,
  type WorkloadRecord,
} from './workload.ts';

type MutableWorkload = { -readonly [Field in keyof Workload]: Workload[Field] };

/**
 * Groups rows into workloads (workload.ts) and returns each with its rows, largest prompt volume first.
 * A summed row belongs to one size class when the store kept the class floors apart (SIZE_CLASS_FLOORS
 * as size tests), since an average of prompts all within a class is within it too.
 */
export function groupWorkloads<Row extends WorkloadRecord>(
  records: Iterable<Row>,
  dimension: WorkloadDimension,
): { readonly workload: Workload; readonly rows: readonly Row[] }[] {
  const groups = new Map<string, { workload: MutableWorkload; rows: Row[] }>();
  for (const record of records) {
    const promptTokens = promptTokensOf(record);
    const key = {
      group: groupValueOf(record, dimension),
      sizeClass: sizeClassOf(promptTokens, record.requests),
      provider: record.provider,
      model: record.model,
    };
    const id = workloadId(key);
    let group = groups.get(id);
    if (group === undefined) {
      group = {
        workload: {
          ...key,
          id,
          records: 0,
          requests: 0,
          requestsUnknown: 0,
          promptTokens: 0,
          outputTokens: 0,
          cacheReadTokens: 0,
          firstMs: record.occurredAtMs,
          lastMs: record.occurredAtMs,
        },
        rows: [],
      };
      groups.set(id, group);
    }
    const { workload } = group;
    workload.records += record.records;
    if (record.requests === null) workload.requestsUnknown += record.records;
    else workload.requests += record.requests;
    workload.promptTokens += promptTokens;
    workload.outputTokens += record.outputTokens;
    workload.cacheReadTokens += record.cacheReadTokens;
    workload.firstMs = Math.min(workload.firstMs, record.occurredAtMs);
    workload.lastMs = Math.max(workload.lastMs, record.occurredAtMs);
    group.rows.push(record);
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.workload.promptTokens - a.workload.promptTokens ||
      SIZE_CLASSES.indexOf(a.workload.sizeClass) - SIZE_CLASSES.indexOf(b.workload.sizeClass) ||
      (a.workload.id < b.workload.id ? -1 : a.workload.id > b.workload.id ? 1 : 0),
  );
}
