import { previewAction } from "@/lib/remediation/preview";
import { actionRequestSchema } from "@/lib/remediation/schemas";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** The confirm dialog's dry run: GET, because nothing changes (dryRun=All). It talks to the
 * cluster, so it needs the same permission as the action itself. */
export const GET = defineRoute(
  { name: "action preview", permission: "cluster:act", query: actionRequestSchema },
  async ({ query }) => previewAction(query),
);
