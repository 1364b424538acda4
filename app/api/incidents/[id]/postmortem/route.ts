import { z } from "zod";

import { incidentIdSchema } from "@/lib/incidents/schemas";
import { getPostmortem } from "@/lib/postmortem/draft";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** GET /api/incidents/:id/postmortem[?version=N] — the postmortem as a Markdown download: the
 * asked-for or latest saved version, else a draft generated now. */
export const GET = defineRoute(
  {
    name: "incident postmortem",
    permission: "incident:read",
    params: z.object({ id: incidentIdSchema }),
    query: z.object({ version: z.coerce.number().int().positive().optional() }),
  },
  async ({ params, query }) => {
    const pm = await getPostmortem(params.id, { version: query.version });
    const name = `incident-${params.id}-postmortem${pm.version ? `-v${pm.version}` : "-draft"}.md`;
    return new Response(pm.markdown, {
      headers: {
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
