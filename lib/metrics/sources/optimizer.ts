import "server-only";

import { getEnv } from "@/lib/env";
import { fetchOutbound, fetchOutboundJson, probeOutboundStatus } from "@/lib/net/outbound";
import { METRIC_KEYS, METRICS, type MetricKey, type PollGroup } from "@/lib/runbook/catalog";
import type { RatioUnit } from "@/lib/services/schema";

import {
  activeAlertsSchema,
  ENDPOINT_OF,
  parseEndpoint,
  type ActiveAlert,
  type Endpoint,
} from "./optimizer-parse";
import { describeError, type MetricsSource, type PollResult } from "./types";

export type { ActiveAlert } from "./optimizer-parse";

const ms = (timeoutMs?: number) => timeoutMs ?? getEnv().COLLECTOR_TIMEOUT_MS;

/**
 * GET {baseUrl}/health/live: only the HTTP status counts (runbook Incident Response Step 2:
 * `curl -w %{http_code}` != 200 → emergency rollback). status null = no HTTP answer at all
 * (refused, DNS, timeout); the body is never parsed (apilo answers plain text "OK").
 */
export async function checkLive(
  baseUrl: string,
  timeoutMs?: number,
): Promise<{ status: number | null; error?: string }> {
  try {
    // Probed every few seconds per service (lib/metrics/live-watch.ts): the light probe.
    const status = await probeOutboundStatus(`${baseUrl}/health/live`, { timeoutMs: ms(timeoutMs) });
    return status === 200 ? { status: 200 } : { status, error: `/health/live answered ${status}` };
  } catch (e) {
    return { status: null, error: `/health/live: ${describeError(e)}` };
  }
}

/** GET {baseUrl}/health/ready: 200 = ready, 503 = not ready; the body is never parsed
 * (runbook 001 · Incident Response Step 1 curls it; apilo answers plain text "READY"). */
export async function checkReady(
  baseUrl: string,
  timeoutMs?: number,
): Promise<{ status: number | null; error?: string }> {
  try {
    const res = await fetchOutbound(`${baseUrl}/health/ready`, {
      timeoutMs: ms(timeoutMs),
      discardBody: true,
    });
    return res.status === 200
      ? { status: 200 }
      : { status: res.status, error: `/health/ready answered ${res.status}` };
  } catch (e) {
    return { status: null, error: `/health/ready: ${describeError(e)}` };
  }
}

/** Through lib/net: checked address, no redirects, capped body, never quoted in an error. */
async function getJson(url: string, timeoutMs?: number): Promise<unknown> {
  const res = await fetchOutboundJson(url, { timeoutMs: ms(timeoutMs) });
  if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}`);
  return res.body;
}

/** GET /alerts/active, validated (top-level array of {name, severity, …}). Throws on failure. */
export async function fetchActiveAlerts(baseUrl: string, timeoutMs?: number): Promise<ActiveAlert[]> {
  let body: unknown;
  try {
    body = await getJson(`${baseUrl}/alerts/active`, timeoutMs);
  } catch (e) {
    throw new Error(`/alerts/active: ${describeError(e)}`);
  }
  const parsed = activeAlertsSchema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `/alerts/active: invalid answer: ${parsed.error.issues
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  }
  return parsed.data;
}

/**
 * The runbook's optimizer endpoints as a metrics source. Decision on liveness: any answer
 * other than 200 AND no answer at all both record live = 0. The runbook's own check prints
 * 000 for an unreachable host, which is "!= 200" → SEV-0; an API that cannot be reached from
 * the console is treated as down, and the error says which it was. The other metrics of an
 * unreachable service are gaps (null), never 0.
 */
export function optimizerSource(
  service: { metricsBaseUrl: string; ratioUnit: RatioUnit },
  timeoutMs?: number,
): MetricsSource {
  return {
    async poll(group: PollGroup): Promise<PollResult> {
      const plan = GROUP_PLANS[group];
      const result: PollResult = { values: {}, errors: [] };
      const tasks: Array<Promise<void>> = plan.endpoints.map(async ({ endpoint, wanted, fields }) => {
        try {
          const parsed = parseEndpoint(
            endpoint,
            await getJson(`${service.metricsBaseUrl}${endpoint}`, timeoutMs),
            service.ratioUnit,
          );
          for (const k of wanted) result.values[k] = parsed.values[k] ?? null;
          for (const e of parsed.errors) if (fields.some((f) => e.includes(f))) result.errors.push(e);
        } catch (e) {
          for (const k of wanted) result.values[k] = null;
          result.errors.push(
            e instanceof Error && e.message.startsWith(endpoint)
              ? e.message
              : `${endpoint}: ${describeError(e)}`,
          );
        }
      });
      if (plan.live) {
        tasks.push(
          checkLive(service.metricsBaseUrl, timeoutMs).then((live) => {
            result.values.live = live.status === 200 ? 1 : 0;
            if (live.error) result.errors.push(live.error);
          }),
        );
      }
      await Promise.all(tasks);
      return result;
    },
  };
}

const FIELD: Record<Exclude<MetricKey, "live">, string> = {
  p95_latency_ms: "p95_latency",
  error_rate_pct: "error_rate",
  cache_hit_pct: "cache_hit_ratio",
  rps: "requests_per_second",
  cpu_pct: "cpu_usage",
  memory_pct: "memory_usage",
  disk_pct: "disk_usage",
  open_connections_pct: "open_connections",
};
const fieldOf = (k: MetricKey) => (k === "live" ? "/health/live" : `: ${FIELD[k]}:`);

type EndpointPlan = { endpoint: Endpoint; wanted: MetricKey[]; fields: string[] };

/** Per poll group, once: which endpoints to read for which metrics (the catalog's groups). */
const GROUP_PLANS = Object.fromEntries(
  (["fast", "medium", "slow"] as const).map((group) => {
    const keys = METRIC_KEYS.filter((k) => METRICS[k].group === group);
    const read = keys.filter((k): k is Exclude<MetricKey, "live"> => k !== "live");
    const endpoints = [...new Set(read.map((k) => ENDPOINT_OF[k]))].map((endpoint) => {
      const wanted = read.filter((k) => ENDPOINT_OF[k] === endpoint);
      return { endpoint, wanted, fields: wanted.map(fieldOf) };
    });
    return [group, { endpoints, live: keys.includes("live") }];
  }),
) as Record<PollGroup, { endpoints: EndpointPlan[]; live: boolean }>;
