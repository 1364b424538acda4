import { z } from "zod";

import {
  getPodUsage,
  getRecentErrorLogs,
  getRolloutHistory,
  getServicePods,
} from "@/lib/remediation/read-views";
import { getIncidentTarget } from "@/lib/remediation/target";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  incidentId: z.coerce.number().int().positive(),
  view: z.enum(["history", "pods", "errors", "usage"]),
});

/** Read views for playbooks and the undo chooser: rollout history, pods, recent errors, usage.
 * Pod logs can hold sensitive data, so this needs a responder, not only a viewer. */
export const GET = defineRoute(
  { name: "read view", permission: "cluster:act", query: querySchema },
  async ({ query }) => {
    const { service } = await getIncidentTarget(query.incidentId);
    if (query.view === "history") return getRolloutHistory(service);
    if (query.view === "pods") return getServicePods(service);
    if (query.view === "errors") return getRecentErrorLogs(service);
    return getPodUsage(service);
  },
);
