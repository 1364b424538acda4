import { z } from "zod";

import { AppError } from "@/lib/errors";
import { getRun } from "@/lib/remediation/store";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** One action run, polled by the progress panel while verification runs. */
export const GET = defineRoute(
  {
    name: "action run",
    permission: "incident:read",
    params: z.object({ id: z.coerce.number().int().positive("Invalid action id.") }),
  },
  async ({ params }) => {
    const run = await getRun(params.id);
    if (!run) throw new AppError("NOT_FOUND", `Action #${params.id} does not exist.`);
    return run;
  },
);
