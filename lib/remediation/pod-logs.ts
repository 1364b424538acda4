import type { Cluster, PodView } from "@/lib/kube/cluster";

/** Bounded log reads across a workload's pods: each pod's app container (the first one; a
 * multi-container pod needs an explicit container), its last `tailLines` lines capped at an
 * equal share of `totalBytes`, at most `concurrency` pods at a time. Memory stays bounded by
 * `totalBytes` however large the logs or however many the pods. */
export type BoundedLogRead = {
  namespace: string;
  sinceSeconds?: number;
  tailLines: number;
  totalBytes: number;
  concurrency?: number;
  /** Floor of each pod's share, so thousands of pods still get a readable tail each. */
  minBytesPerPod?: number;
};

export type PodLog = {
  pod: string;
  container: string | null;
  text: string;
  truncated: boolean;
  error: string | null;
};

export const LOG_READ_CONCURRENCY = 4;

export async function readPodLogsBounded(
  cluster: Cluster,
  pods: PodView[],
  read: BoundedLogRead,
): Promise<PodLog[]> {
  const minShare = read.minBytesPerPod ?? 4096;
  // Pods past the budget at the floor share are skipped rather than over-spending it.
  const maxPods = Math.max(1, Math.floor(read.totalBytes / minShare));
  const chosen = pods.slice(0, maxPods);
  const limitBytes = Math.max(minShare, Math.floor(read.totalBytes / Math.max(1, chosen.length)));
  const out = await mapLimited(
    chosen,
    read.concurrency ?? LOG_READ_CONCURRENCY,
    async (p): Promise<PodLog> => {
      const container = p.containers?.[0] ?? null;
      if (!container)
        return { pod: p.name, container, text: "", truncated: false, error: "pod has no containers" };
      try {
        const log = await cluster.readPodLogs(
          { namespace: read.namespace, name: p.name },
          { container, sinceSeconds: read.sinceSeconds, tailLines: read.tailLines, limitBytes },
        );
        return { pod: p.name, container, text: log.text, truncated: log.truncated, error: null };
      } catch (e) {
        return { pod: p.name, container, text: "", truncated: false, error: (e as Error).message };
      }
    },
  );
  for (const p of pods.slice(maxPods))
    out.push({ pod: p.name, container: null, text: "", truncated: true, error: "skipped: log budget spent" });
  return out;
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
