import "server-only";

import { METRIC_KEYS, METRICS, type MetricKey, type PollGroup } from "@/lib/runbook/catalog";
import type { WatchedService } from "@/lib/services/schema";
import { recordCollectorPoll } from "@/lib/telemetry/record";

import { sourceFor } from "./sources";
import { recordPollError, recordSamples, type MetricValues } from "./store";

const GROUP_KEYS = Object.fromEntries(
  (["fast", "medium", "slow"] as const).map((g) => [g, METRIC_KEYS.filter((k) => METRICS[k].group === g)]),
) as Record<PollGroup, MetricKey[]>;

/** Polls one group of one service and stores the slot (values or gaps + why). `values` are
 * the ones stored (null = gap). */
export async function pollServiceOnce(
  service: WatchedService,
  group: PollGroup,
  at: Date,
  timeoutMs: number,
): Promise<{ inserted: number; errors: string[]; values: MetricValues }> {
  let values: MetricValues;
  let errors: string[];
  try {
    ({ values, errors } = await sourceFor(service, timeoutMs).poll(group));
  } catch (e) {
    values = {};
    errors = [`poll failed: ${(e as Error).message}`];
  }
  // Every metric the group should have is stored: unread ones as gaps (null), never 0.
  const optimizer = service.metricsSource === "optimizer";
  for (const k of GROUP_KEYS[group])
    if (!(k in values) && (optimizer || service.promQueries[k])) values[k] = null;
  const inserted = await recordSamples({ serviceId: service.id, at, values });
  recordCollectorPoll(service.name, group, errors.length === 0, (Date.now() - at.getTime()) / 1000);
  if (errors.length > 0 && inserted > 0) {
    await recordPollError({ serviceId: service.id, group, at, error: errors.join("\n") });
  }
  return { inserted, errors, values };
}
