import { getEnv } from "@/lib/env";
import { metricsResponse } from "@/lib/telemetry/endpoint";

export const dynamic = "force-dynamic";

/** Firebreak's own metrics for Prometheus. No session: the proxy lets /metrics through and the
 * bearer token (METRICS_TOKEN) is checked here; unset token = the endpoint does not exist. */
export function GET(request: Request): Promise<Response> {
  return metricsResponse(request, getEnv().METRICS_TOKEN);
}
