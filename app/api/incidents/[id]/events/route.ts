import { z } from "zod";

import { TIMELINE_EVENT_KINDS } from "@/lib/incidents/event-kinds";
import { getIncidentOrThrow, listTimeline } from "@/lib/incidents/queries";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  after: z.coerce.number().int().min(0, "after must be 0 or more").max(2_147_483_647).default(0),
  kind: z
    .preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(TIMELINE_EVENT_KINDS, { error: "Unknown event kind" })),
    )
    .default([]),
  pinned: z.enum(["1", "0"], { error: "pinned must be 1 or 0" }).optional(),
});

/** GET /api/incidents/:id/events?after=<lastId>&kind=<kind>&pinned=1 — the live timeline's poll.
 * Read-only; mutations go through server actions. */
export const GET = defineRoute(
  {
    name: "incident events",
    permission: "incident:read",
    params: z.object({ id: incidentIdSchema }),
    query: querySchema,
  },
  async ({ params, query }) => {
    await getIncidentOrThrow(params.id);
    const events = await listTimeline(params.id, {
      afterId: query.after,
      kinds: query.kind,
      pinnedOnly: query.pinned === "1",
    });
    return { events };
  },
);
