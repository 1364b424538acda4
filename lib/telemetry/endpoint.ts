import "server-only";

import { telemetry } from "./registry";
import { bearerMatches } from "./token";

const NO_STORE = { "Cache-Control": "no-store" } as const;

/** GET /metrics: the registry in Prometheus text format for a caller sending
 * `Authorization: Bearer <token>`; 401 (no metrics) otherwise; 404 when no token is configured. */
export async function metricsResponse(request: Request, token: string | undefined): Promise<Response> {
  if (!token) return new Response("metrics disabled\n", { status: 404, headers: NO_STORE });
  if (!bearerMatches(request.headers.get("authorization"), token)) {
    return new Response("unauthorized\n", {
      status: 401,
      headers: { ...NO_STORE, "WWW-Authenticate": 'Bearer realm="firebreak-metrics"' },
    });
  }
  const { registry } = telemetry();
  return new Response(await registry.metrics(), {
    headers: { ...NO_STORE, "Content-Type": registry.contentType },
  });
}
