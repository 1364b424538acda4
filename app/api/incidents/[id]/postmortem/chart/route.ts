import { z } from "zod";

import { incidentIdSchema } from "@/lib/incidents/schemas";
import { CHART_METRICS, renderIncidentChart } from "@/lib/postmortem/charts";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** GET /api/incidents/:id/postmortem/chart?metric=p95_latency_ms — the metric over the incident
 * window as an SVG image (the postmortem's charts). */
export const GET = defineRoute(
  {
    name: "incident postmortem chart",
    permission: "incident:read",
    params: z.object({ id: incidentIdSchema }),
    query: z.object({ metric: z.enum(CHART_METRICS) }),
  },
  async ({ params, query }) =>
    new Response(await renderIncidentChart(params.id, query.metric), {
      headers: {
        "Content-Type": "image/svg+xml; charset=utf-8",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    }),
);
