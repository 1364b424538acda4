import { z } from "zod";

import { loadPanel } from "@/lib/dashboards/load-panel";
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
 * series (≤ 1000 points each, downsampled on the server), thresholds and time-axis markers. */
export const GET = defineRoute(
  { name: "series", permission: "incident:read", query: querySchema },
  async ({ query }) => loadPanel(query.service, query.panel, query.range),
);
