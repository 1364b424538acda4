import { z } from "zod";

import { listApprovals } from "@/lib/approvals/store";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** An incident's approval requests (open, and decided within the hour) for the live panel. */
export const GET = defineRoute(
  {
    name: "approvals",
    permission: "incident:read",
    query: z.object({ incidentId: z.coerce.number().int().positive() }),
  },
  async ({ query }) => ({ approvals: await listApprovals(query.incidentId) }),
);
