import { z } from "zod";

import { defineRoute } from "@/lib/route-handler";
import { scanBaseline } from "@/lib/scanner/operations/triage-view";

export const dynamic = "force-dynamic";

/** GET /api/scanner/scans/:id/baseline — the scan's findings as an ApiHunter baseline file: one
 * `{"url","check"}` line per distinct pair (contract 1.6), for `--baseline` in later runs. */
export const GET = defineRoute(
  {
    name: "scanner scan baseline",
    permission: "incident:read",
    params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
  },
  async ({ params }) => {
    const b = await scanBaseline(params.id);
    return new Response(b.ndjson, {
      headers: {
        "Content-Type": "application/x-ndjson; charset=utf-8",
        "Content-Disposition": `attachment; filename="${b.fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
