import { z } from "zod";

import { isAppError, isDatabaseUnreachable } from "@/lib/errors";
import { loadPanel } from "@/lib/dashboards/load-panel";
import { PANEL_KEYS } from "@/lib/dashboards/panels";
import { RANGE_KEYS } from "@/lib/dashboards/ranges";

const querySchema = z.strictObject({
  service: z.string().trim().min(1).max(100),
  panel: z.enum(PANEL_KEYS),
  range: z.enum(RANGE_KEYS),
});

/** GET /api/metrics/series?service=api-optimizer&panel=latency&range=1h — one dashboard tab's
 * series (≤ 1000 points each, downsampled on the server), thresholds and time-axis markers. */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = querySchema.safeParse(params);
  if (!parsed.success) {
    return Response.json(
      {
        error: "Invalid query",
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      },
      { status: 400 },
    );
  }
  try {
    const data = await loadPanel(parsed.data.service, parsed.data.panel, parsed.data.range);
    return Response.json(data, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return Response.json({ error: e.message }, { status: 404 });
    if (isDatabaseUnreachable(e) || (isAppError(e) && e.code === "UNAVAILABLE")) {
      return Response.json(
        { error: "The database is unreachable; the charts cannot be refreshed." },
        { status: 503 },
      );
    }
    console.error("[api/metrics/series]", e);
    return Response.json({ error: "The series could not be loaded." }, { status: 500 });
  }
}
