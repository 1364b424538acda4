import "server-only";

import { checkUpstreamHealth, readOptimizerEndpoint } from "@/lib/metrics/sources/optimizer-endpoints";
import { isOptimizerEndpoint } from "@/lib/metrics/sources/optimizer-endpoints-parse";
import { queryPrometheusInstant } from "@/lib/metrics/sources/prometheus-instant";
import { fetchOutbound, fetchOutboundJson } from "@/lib/net/outbound";
import type { WatchedService } from "@/lib/services/schema";

import { assessValue, combine, readJsonPath, type Measurement } from "./assess";
import type { Metric } from "./schema";

/** What a probe needs to know about the service (the upstream health URL is optional config). */
export type ProbeTarget = Pick<
  WatchedService,
  "name" | "metricsBaseUrl" | "ratioUnit" | "metricsSource" | "upstreamHealthUrl"
>;

export type MetricResult = Measurement & { name: string; label: string; ms: number };

const BASE = "{{service.metricsBaseUrl}}";
/** The service's configured upstream health URL (the `upstream` check kind, schema.ts). */
const UPSTREAM = "{{service.upstreamHealthUrl}}";

/** Takes one raw reading of a metric's provider. Known optimizer endpoints go through the
 * optimizer adapter (zod-validated, ratios in percent); the upstream URL through its health
 * check; `prometheus` through an instant query. Without a jsonPath the value is the status. */
async function readOnce(metric: Metric, target: ProbeTarget): Promise<unknown> {
  const provider = metric.provider;
  if ("prometheus" in provider) {
    const address =
      provider.prometheus.address ?? (target.metricsSource === "prometheus" ? target.metricsBaseUrl : null);
    if (!address)
      throw new Error(`${target.name} has no Prometheus address; set provider.prometheus.address`);
    return queryPrometheusInstant(address, provider.prometheus.query);
  }
  const { url, jsonPath, timeoutSeconds } = provider.web;
  const timeoutMs = timeoutSeconds ? timeoutSeconds * 1000 : undefined;
  if (url === UPSTREAM) {
    if (!target.upstreamHealthUrl)
      throw new Error(`no upstream health URL is configured for ${target.name} (set it on the service)`);
    const r = await checkUpstreamHealth(target.upstreamHealthUrl, timeoutMs);
    if (r.status === null) throw new Error(`upstream ${target.upstreamHealthUrl}: ${r.error}`);
    return r.status;
  }
  const path = url.startsWith(BASE) ? url.slice(BASE.length) : null;
  if (path !== null && isOptimizerEndpoint(path)) {
    const reading = await readOptimizerEndpoint(target, path, timeoutMs);
    return jsonPath ? readJsonPath(reading.body, jsonPath) : reading.status;
  }
  // Any other URL (e.g. an imported AnalysisTemplate's web metric): a plain GET, JSON body.
  const absolute = path !== null ? `${target.metricsBaseUrl}${path}` : url;
  if (!/^https?:\/\//.test(absolute)) throw new Error(`not an http(s) URL: ${url}`);
  return readWeb(absolute, jsonPath, timeoutMs);
}

/** Through lib/net like every configured URL: checked address, no redirects, capped body. */
async function readWeb(url: string, jsonPath: string | undefined, timeoutMs = 5_000): Promise<unknown> {
  if (!jsonPath) return (await fetchOutbound(url, { timeoutMs, discardBody: true })).status;
  const res = await fetchOutboundJson(url, { timeoutMs });
  if (res.status < 200 || res.status > 299) throw new Error(`${url}: HTTP ${res.status}`);
  return readJsonPath(res.body, jsonPath);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Measures a metric `count` times, `interval` apart, and combines the phases (Argo's rules). */
export async function measureMetric(metric: Metric, target: ProbeTarget): Promise<MetricResult> {
  const started = performance.now();
  const label = metric.label ?? metric.name;
  const measurements: Measurement[] = [];
  for (let i = 0; i < metric.count; i++) {
    if (i > 0) await sleep(metric.interval);
    try {
      measurements.push(assessValue(metric, await readOnce(metric, target)));
    } catch (e) {
      const error = (e as Error).message;
      measurements.push({ phase: "Error", value: null, text: `${label}: ${error}`, error });
    }
  }
  return {
    ...combine(metric, measurements),
    name: metric.name,
    label,
    ms: Math.round(performance.now() - started),
  };
}

/** A check step's metrics, all at once (runbook 001 · Step 1 must finish in < 2 minutes). */
export function measureAll(metrics: readonly Metric[], target: ProbeTarget): Promise<MetricResult[]> {
  return Promise.all(metrics.map((m) => measureMetric(m, target)));
}
