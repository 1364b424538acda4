import { z } from "zod";

import { loadPanelCached, panelWindow } from "@/lib/dashboards/panel-cache";
import { PANEL_KEYS } from "@/lib/dashboards/panels";
import { RANGE_KEYS } from "@/lib/dashboards/ranges";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({
  service: z.string().trim().min(1).max(100),
  panel: z.enum(PANEL_KEYS),
  range: z.enum(RANGE_KEYS),
});

/** GET /api/metrics/series?service=api-optimizer&panel=latency&range=1h — one dashboard tab's
 * series (≤ 1000 points each, downsampled on the server), thresholds and time-axis markers.
 * The 7 d and 30 d ranges are the same chart until their current bucket ends: the answer says
 * so (private Cache-Control, ETag), and a revalidation within the bucket is a 304. */
export const GET = defineRoute(
  { name: "series", permission: "incident:read", query: querySchema },
  async ({ query, request }) => {
    const now = new Date();
    const window = panelWindow(query.service, query.panel, query.range, now);
    if (!window) return loadPanelCached(query.service, query.panel, query.range, now);
    const headers = { ETag: window.etag, "Cache-Control": `private, max-age=${window.maxAgeS}` };
    if (request.headers.get("if-none-match") === window.etag)
      return new Response(null, { status: 304, headers });
    return Response.json(await loadPanelCached(query.service, query.panel, query.range, now), { headers });
  },
);
