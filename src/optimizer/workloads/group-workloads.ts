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
 * Groups records into workloads (workload.ts) and returns each with its records, largest prompt volume
 * first. Records of error requests without tokens are counted (error share) like any other.
 */
export function groupWorkloads<Row extends WorkloadRecord>(
  records: Iterable<Row>,
  dimension: WorkloadDimension,
): { readonly workload: Workload; readonly records: readonly Row[] }[] {
  const groups = new Map<string, { workload: MutableWorkload; records: Row[] }>();
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
          errorRequests: 0,
          promptTokens: 0,
          outputTokens: 0,
          cacheReadTokens: 0,
          maxPromptTokensPerRequest: 0,
          firstMs: record.occurredAtMs,
          lastMs: record.occurredAtMs,
        },
        records: [],
      };
      groups.set(id, group);
    }
    const { workload } = group;
    const requests = record.requests ?? 1;
    workload.records += 1;
    if (record.requests === null) workload.requestsUnknown += 1;
    else workload.requests += record.requests;
    if (record.status === 'error') workload.errorRequests += Math.max(requests, 1);
    workload.promptTokens += promptTokens;
    workload.outputTokens += record.outputTokens;
    workload.cacheReadTokens += record.cacheReadTokens;
    workload.maxPromptTokensPerRequest = Math.max(
      workload.maxPromptTokensPerRequest,
      requests > 0 ? promptTokens / requests : promptTokens,
    );
    workload.firstMs = Math.min(workload.firstMs, record.occurredAtMs);
    workload.lastMs = Math.max(workload.lastMs, record.occurredAtMs);
    group.records.push(record);
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.workload.promptTokens - a.workload.promptTokens ||
      SIZE_CLASSES.indexOf(a.workload.sizeClass) - SIZE_CLASSES.indexOf(b.workload.sizeClass) ||
      (a.workload.id < b.workload.id ? -1 : a.workload.id > b.workload.id ? 1 : 0),
  );
}
