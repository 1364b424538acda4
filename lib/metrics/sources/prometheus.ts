import "server-only";

import { getEnv } from "@/lib/env";
import { fetchOutboundJson } from "@/lib/net/outbound";
import { METRIC_KEYS, METRICS, type MetricKey, type PollGroup } from "@/lib/runbook/catalog";
import type { RatioUnit } from "@/lib/services/schema";

import { ratioToPercent } from "../units";
import { parseInstantQuery } from "./prometheus-parse";
import { describeError, type MetricsSource, type PollResult } from "./types";

/** Metrics whose PromQL result is a ratio in the service's declared unit (percent or fraction).
 * `live` is expected as 1/0 (e.g. `up{job="api-optimizer"}`), others in the catalog's units. */
const RATIO_METRICS = new Set<MetricKey>(METRIC_KEYS.filter((k) => METRICS[k].unit === "%"));

/** One instant query (GET /api/v1/query) per metric of the group that has a PromQL expression. */
export function prometheusSource(
  service: { metricsBaseUrl: string; ratioUnit: RatioUnit; promQueries: Partial<Record<MetricKey, string>> },
  timeoutMs?: number,
): MetricsSource {
  return {
    async poll(group: PollGroup): Promise<PollResult> {
      const result: PollResult = { values: {}, errors: [] };
      const keys = METRIC_KEYS.filter((k) => METRICS[k].group === group && service.promQueries[k]);
      await Promise.all(
        keys.map(async (key) => {
          const query = service.promQueries[key]!;
          try {
            const url = `${service.metricsBaseUrl}/api/v1/query?query=${encodeURIComponent(query)}`;
            // Prometheus answers errors (bad PromQL: 400) with its JSON envelope, read below.
            const { body } = await fetchOutboundJson(url, {
              timeoutMs: timeoutMs ?? getEnv().COLLECTOR_TIMEOUT_MS,
            });
            const v = parseInstantQuery(body);
            if (v === null) {
              result.values[key] = null;
              result.errors.push(`${key}: empty result for ${query}`);
              return;
            }
            result.values[key] = RATIO_METRICS.has(key) ? ratioToPercent(v, service.ratioUnit) : v;
          } catch (e) {
            result.values[key] = null;
            result.errors.push(`${key} (${query}): ${describeError(e)}`);
          }
        }),
      );
      return result;
    },
  };
}
