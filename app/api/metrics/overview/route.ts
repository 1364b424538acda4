import { isAppError, isDatabaseUnreachable } from "@/lib/errors";
import { loadOverview } from "@/lib/dashboards/load-overview";

/** Live data of the dashboards overview (polled by TanStack Query). */
export async function GET() {
  try {
    return Response.json(await loadOverview(), { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (isDatabaseUnreachable(e) || (isAppError(e) && e.code === "UNAVAILABLE")) {
      return Response.json(
        { error: "The database is unreachable; the overview cannot be refreshed." },
        { status: 503 },
      );
    }
    console.error("[api/metrics/overview]", e);
    return Response.json({ error: "The overview could not be loaded." }, { status: 500 });
  }
}
