import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";

import { isAppError } from "@/lib/errors";
import { TIMELINE_EVENT_KINDS } from "@/lib/incidents/event-kinds";
import { getIncidentOrThrow, listTimeline } from "@/lib/incidents/queries";
import { incidentIdSchema } from "@/lib/incidents/schemas";

/** GET /api/incidents/:id/events?after=<lastId>&kind=<kind>&pinned=1 — the live timeline's poll.
 * Read-only; mutations go through server actions. */
const querySchema = z.object({
  after: z.coerce.number().int().min(0, "after must be 0 or more").max(2_147_483_647).default(0),
  kind: z.array(z.enum(TIMELINE_EVENT_KINDS, { error: "Unknown event kind" })).default([]),
  pinned: z.enum(["1", "0"], { error: "pinned must be 1 or 0" }).optional(),
});

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const id = incidentIdSchema.safeParse((await params).id);
  const sp = request.nextUrl.searchParams;
  const query = querySchema.safeParse({
    after: sp.get("after") ?? undefined,
    kind: sp.getAll("kind"),
    pinned: sp.get("pinned") ?? undefined,
  });
  if (!id.success || !query.success) {
    const issues = [...(id.error?.issues ?? []), ...(query.error?.issues ?? [])];
    return NextResponse.json(
      { error: issues.map((i) => i.message).join("; ") },
      { status: 400, headers: NO_STORE },
    );
  }
  try {
    await getIncidentOrThrow(id.data);
    const events = await listTimeline(id.data, {
      afterId: query.data.after,
      kinds: query.data.kind,
      pinnedOnly: query.data.pinned === "1",
    });
    return NextResponse.json({ events }, { headers: NO_STORE });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND")
      return NextResponse.json({ error: e.message }, { status: 404, headers: NO_STORE });
    if (isAppError(e) && e.code === "UNAVAILABLE")
      return NextResponse.json({ error: e.message }, { status: 503, headers: NO_STORE });
    console.error("[api] incident events", e);
    return NextResponse.json({ error: "Could not read the timeline" }, { status: 500, headers: NO_STORE });
  }
}
