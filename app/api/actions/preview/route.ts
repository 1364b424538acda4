import { actingAsOf, assertKubeTargetAllowed } from "@/lib/kube/identity-config";
import { getClusterAs } from "@/lib/remediation/cluster-factory";
import { previewAction } from "@/lib/remediation/preview";
import { actionRequestSchema } from "@/lib/remediation/schemas";
import { getIncidentTarget } from "@/lib/remediation/target";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** The confirm dialog's dry run: GET, because nothing changes (dryRun=All). It talks to the
 * cluster, so it needs the same permission as the action itself, and it asks the cluster as the
 * person (impersonation), so the dry run and the access review answer for them. */
export const GET = defineRoute(
  { name: "action preview", permission: "cluster:act", query: actionRequestSchema },
  async ({ query, actor }) => {
    const { service } = await getIncidentTarget(query.incidentId);
    assertKubeTargetAllowed(service.k8s);
    const preview = await previewAction(query, { cluster: getClusterAs(service.k8s.context, actor) });
    return { ...preview, access: { ...preview.access, actingAs: actingAsOf(actor) } };
  },
);
