import { getEnv } from "@/lib/env";
import { telemetry } from "@/lib/telemetry/registry";
import { bearerMatches } from "@/lib/telemetry/token";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" } as const;

/** Firebreak's own metrics in Prometheus text format, for a scraper holding METRICS_TOKEN
 * (sent as `Authorization: Bearer <token>`). No session: the proxy lets /metrics through and the
 * token is checked here. Unset token = the endpoint does not exist. */
export async function GET(request: Request): Promise<Response> {
  const token = getEnv().METRICS_TOKEN;
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
