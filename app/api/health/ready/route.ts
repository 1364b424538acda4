import { checkReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** Readiness: database reachable, migrations applied, job queue set up — 200 or 503 with the
 * list of checks (fixed words only). Unauthenticated, for the load balancer and Kubernetes. */
export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, {
    status: readiness.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
