export const dynamic = "force-dynamic";

/** Liveness: the process serves requests. Unauthenticated; touches no database or cluster, so a
 * database outage never gets healthy replicas restarted. */
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
