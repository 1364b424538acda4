import { z } from "zod";

import { sessionFromHeaders } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { readTimelineEvent } from "@/lib/incidents/timeline-reads";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { incidentLiveStream } from "@/lib/live/incident-stream";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** GET /api/incidents/:id/live — Server-Sent Events: what changed on the incident, pushed as it
 * commits on any replica (lib/live/incident-stream.ts), a new timeline event with its content
 * for as long as the viewer's session may still read the incident. 503 where this process cannot
 * LISTEN (the embedded database): the page then keeps polling. */
export const GET = defineRoute(
  { name: "incident live", permission: "incident:read", params: z.object({ id: incidentIdSchema }) },
  async ({ params, request }) => {
    await getIncidentOrThrow(params.id);
    const stream = await incidentLiveStream(params.id, {
      signal: request.signal,
      lastEventId: request.headers.get("last-event-id"),
      timelineEvent: (eventId) => readTimelineEvent(params.id, eventId),
      // The session check of every read (cached for seconds, dropped at once on revocation).
      stillAllowed: async () => {
        const { actor } = await sessionFromHeaders(request.headers);
        return actor !== null && can(actor, "incident:read");
      },
    });
    if (!stream) throw new AppError("UNAVAILABLE", "Live updates are unavailable; the page polls instead.");
    return stream;
  },
);
