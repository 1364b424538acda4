import { z } from "zod";

import {
  ERROR_LOG_WINDOW_S,
  getPodUsage,
  getRecentErrorLogs,
  getRolloutHistory,
  getServicePods,
} from "@/lib/remediation/read-views";
import { assertKubeTargetAllowed } from "@/lib/kube/identity-config";
import { getClusterAs } from "@/lib/remediation/cluster-factory";
import { getIncidentTarget } from "@/lib/remediation/target";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  incidentId: z.coerce.number().int().positive(),
  view: z.enum(["history", "pods", "errors", "usage"]),
  /** errors only: the window, from a playbook step's 5 or 15 min down to a live tail's seconds. */
  sinceSeconds: z.coerce.number().int().min(5).max(ERROR_LOG_WINDOW_S).optional(),
});

/** Read views for playbooks and the undo chooser: rollout history, pods, recent errors, usage.
 * Pod logs can hold sensitive data, so this needs a responder, not only a viewer; the cluster is
 * asked as the person (impersonation), so its RBAC applies to them. */
export const GET = defineRoute(
  { name: "read view", permission: "cluster:act", query: querySchema },
  async ({ query, actor }) => {
    const { service } = await getIncidentTarget(query.incidentId);
    assertKubeTargetAllowed(service.k8s);
    const cluster = getClusterAs(service.k8s.context, actor);
    if (query.view === "history") return getRolloutHistory(service, cluster);
    if (query.view === "pods") return getServicePods(service, cluster);
    if (query.view === "errors") return getRecentErrorLogs(service, cluster, query.sinceSeconds);
    return getPodUsage(service, cluster);
  },
);
