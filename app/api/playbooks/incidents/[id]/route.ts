import { z } from "zod";

import { incidentIdSchema } from "@/lib/incidents/schemas";
import { getIncidentPlaybooks } from "@/lib/playbooks/queries";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** GET /api/playbooks/incidents/:id — the incident's playbook runs with step states, deadlines
 * and offers; polled by every viewer of the incident page. */
export const GET = defineRoute(
  { name: "incident playbooks", permission: "incident:read", params: z.object({ id: incidentIdSchema }) },
  ({ params }) => getIncidentPlaybooks(params.id),
);
