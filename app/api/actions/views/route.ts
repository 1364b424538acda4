import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";

import { toFailure } from "@/lib/server-action";
import {
  getPodUsage,
  getRecentErrorLogs,
  getRolloutHistory,
  getServicePods,
} from "@/lib/remediation/read-views";
import { getIncidentTarget } from "@/lib/remediation/target";

export const dynamic = "force-dynamic";

const schema = z.object({
  incidentId: z.coerce.number().int().positive(),
  view: z.enum(["history", "pods", "errors", "usage"]),
});

/** Read views for playbooks and the undo chooser: rollout history, pods, recent errors, usage. */
export async function GET(request: NextRequest) {
  const parsed = schema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: "Invalid view request." }, { status: 400 });
  try {
    const { service } = await getIncidentTarget(parsed.data.incidentId);
    const view = parsed.data.view;
    const data =
      view === "history"
        ? await getRolloutHistory(service)
        : view === "pods"
          ? await getServicePods(service)
          : view === "errors"
            ? await getRecentErrorLogs(service)
            : await getPodUsage(service);
    return NextResponse.json(data);
  } catch (e) {
    return NextResponse.json({ error: toFailure(e).error }, { status: 502 });
  }
}
