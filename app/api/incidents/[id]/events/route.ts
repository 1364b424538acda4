import { z } from "zod";

import { TIMELINE_EVENT_KINDS } from "@/lib/incidents/event-kinds";
import { decodeCursor } from "@/lib/incidents/live-cursor";
import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { readLiveEvents, readTimelinePage } from "@/lib/incidents/timeline-reads";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  cursor: z
    .string()
    .transform(
      (text, ctx) => decodeCursor(text) ?? (ctx.addIssue("cursor is not a timeline cursor"), z.NEVER),
    )
    .optional(),
  before: z.coerce.number().int().min(1, "before must be 1 or more").max(2_147_483_647).optional(),
  kind: z
    .preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(TIMELINE_EVENT_KINDS, { error: "Unknown event kind" })),
    )
    .default([]),
  pinned: z.enum(["1", "0"], { error: "pinned must be 1 or 0" }).optional(),
});

/** GET /api/incidents/:id/events — read-only; mutations go through server actions.
 * - `?cursor=<c>`: the live feed, what committed since the cursor (commit order, merge by id);
 * - `?before=<id>`: the page of events older than that one ("Load older"), newest first;
 * - neither: the newest page with the live cursor that follows it.
 * `kind` (repeatable) and `pinned=1` filter all three. */
export const GET = defineRoute(
  {
    name: "incident events",
    permission: "incident:read",
    params: z.object({ id: incidentIdSchema }),
    query: querySchema,
  },
  async ({ params, query }) => {
    await getIncidentOrThrow(params.id);
    const filter = { kinds: query.kind, pinnedOnly: query.pinned === "1" };
    if (query.cursor) return readLiveEvents(params.id, query.cursor, filter);
    return readTimelinePage(params.id, { ...filter, before: query.before });
  },
);
