import { z } from "zod";

import { AppError } from "@/lib/errors";
import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { incidentLiveStream } from "@/lib/live/incident-stream";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** GET /api/incidents/:id/live — Server-Sent Events: what changed on the incident, pushed as it
 * commits on any replica (lib/live/incident-stream.ts). 503 where this process cannot LISTEN
 * (the embedded database): the page then keeps polling. */
export const GET = defineRoute(
  { name: "incident live", permission: "incident:read", params: z.object({ id: incidentIdSchema }) },
  async ({ params, request }) => {
    await getIncidentOrThrow(params.id);
    const stream = await incidentLiveStream(params.id, {
      signal: request.signal,
      lastEventId: request.headers.get("last-event-id"),
    });
    if (!stream) throw new AppError("UNAVAILABLE", "Live updates are unavailable; the page polls instead.");
    return stream;
  },
);
