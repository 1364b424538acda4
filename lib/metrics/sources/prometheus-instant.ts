import "server-only";

import { getEnv } from "@/lib/env";

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
  let res: Response;
  try {
    res = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs ?? getEnv().COLLECTOR_TIMEOUT_MS),
      cache: "no-store",
      redirect: "manual",
      headers: { accept: "application/json" },
    });
  } catch (e) {
    throw new Error(`prometheus: ${describeError(e)}`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`prometheus: HTTP ${res.status}, not JSON`);
  }
  return parseInstantQuery(body);
}
