import "server-only";

import { getEnv } from "@/lib/env";
import { fetchOutbound, type OutboundResponse } from "@/lib/net/outbound";
import type { RatioUnit } from "@/lib/services/schema";

import { ENDPOINT_SCHEMAS, normaliseRatios, type OptimizerEndpoint } from "./optimizer-endpoints-parse";
import { describeError } from "./types";

export { OPTIMIZER_ENDPOINTS, type OptimizerEndpoint } from "./optimizer-endpoints-parse";

export type EndpointReading = {
  endpoint: OptimizerEndpoint;
  /** HTTP status; the only thing read from /health/live and /health/ready (runbook 001 ·
   * Incident Response Playbook, Step 2). */
  status: number;
  /** The validated JSON body with ratios in percent; null for the status-only endpoints. */
  body: unknown;
  ms: number;
};

/**
 * One live read of an optimizer endpoint for a playbook check. Status-only endpoints never
 * parse their body (apilo answers plain text). JSON endpoints are zod-validated and their
 * ratios converted from the service's declared unit; a non-2xx answer throws, except /health,
 * whose 503 still carries the status body. Throws with the endpoint in the message.
 */
export async function readOptimizerEndpoint(
  service: { metricsBaseUrl: string; ratioUnit: RatioUnit },
  endpoint: OptimizerEndpoint,
  timeoutMs?: number,
): Promise<EndpointReading> {
  const started = performance.now();
  const schema = ENDPOINT_SCHEMAS[endpoint];
  // Through lib/net: checked address, no redirects, capped body, never quoted in an error.
  let res: OutboundResponse;
  try {
    res = await fetchOutbound(`${service.metricsBaseUrl}${endpoint}`, {
      timeoutMs: timeoutMs ?? getEnv().COLLECTOR_TIMEOUT_MS,
      headers: { accept: "application/json" },
      discardBody: !schema,
    });
  } catch (e) {
    throw new Error(`${endpoint}: ${describeError(e)}`);
  }
  if (!schema) return { endpoint, status: res.status, body: null, ms: performance.now() - started };
  const ok = res.status >= 200 && res.status < 300;
  if (!ok && endpoint !== "/health") throw new Error(`${endpoint}: HTTP ${res.status}`);
  let json: unknown;
  try {
    json = JSON.parse(res.body.toString("utf8"));
  } catch {
    throw new Error(`${endpoint}: answered ${res.status} with a body that is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`${endpoint}: invalid answer: ${issues.join("; ")}`);
  }
  let body: unknown;
  try {
    body = normaliseRatios(endpoint, parsed.data, service.ratioUnit);
  } catch (e) {
    throw new Error(`${endpoint}: ${(e as Error).message}`);
  }
  return { endpoint, status: res.status, body, ms: performance.now() - started };
}

/** GET of a configured dependency's health URL (runbook 001 · High Error Rate Alert, step 5:
 * `curl -s http://upstream-service/health`): only the status counts. */
export async function checkUpstreamHealth(
  url: string,
  timeoutMs?: number,
): Promise<{ status: number | null; error?: string; ms: number }> {
  const started = performance.now();
  try {
    const res = await fetchOutbound(url, {
      timeoutMs: timeoutMs ?? getEnv().COLLECTOR_TIMEOUT_MS,
      discardBody: true,
    });
    return { status: res.status, ms: performance.now() - started };
  } catch (e) {
    return { status: null, error: describeError(e), ms: performance.now() - started };
  }
}
