import "server-only";

import { getEnv } from "@/lib/env";
import { fetchOutboundJson } from "@/lib/net/outbound";

import { parseInstantQuery } from "./prometheus-parse";
import { describeError } from "./types";

/** One PromQL instant query (GET {address}/api/v1/query), for playbook checks of the
 * `prometheus` provider (an Argo AnalysisTemplate's `provider.prometheus`). Throws on failure;
 * null = the query returned no sample. */
export async function queryPrometheusInstant(
  address: string,
  query: string,
  timeoutMs?: number,
): Promise<number | null> {
  const url = `${address.replace(/\/+$/, "")}/api/v1/query?query=${encodeURIComponent(query)}`;
  // Through lib/net: checked address, no redirects, capped body, never quoted in an error.
  let body: unknown;
  try {
    ({ body } = await fetchOutboundJson(url, { timeoutMs: timeoutMs ?? getEnv().COLLECTOR_TIMEOUT_MS }));
  } catch (e) {
    throw new Error(`prometheus: ${describeError(e)}`);
  }
  return parseInstantQuery(body);
}
