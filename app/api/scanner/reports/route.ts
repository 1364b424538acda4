import { revalidatePath } from "next/cache";
import { z } from "zod";

import { jsonError, defineRoute } from "@/lib/route-handler";
import { ingestScannerReport } from "@/lib/scanner/ingest";
import { MAX_REPORT_BYTES_LIMIT } from "@/lib/scanner/limits";
import { readUploadText } from "@/lib/scanner/upload-body";

/**
 * POST /api/scanner/reports?name=<file name>, the report file as the raw body. Who is calling
 * and whether they may run the scanner are checked before a byte of the body is read; the body
 * is then streamed and refused (413) as soon as it passes the 20 MB report limit.
 */
export const POST = defineRoute(
  {
    name: "POST /api/scanner/reports",
    permission: "scanner:run",
    query: z.object({
      name: z
        .string()
        .trim()
        .min(1, "Name the uploaded file (?name=).")
        .max(255, "That file name is too long."),
    }),
  },
  async ({ actor, query, request }) => {
    const body = await readUploadText(request, MAX_REPORT_BYTES_LIMIT);
    if (!body.ok) {
      return jsonError(
        413,
        `The report is larger than ${MAX_REPORT_BYTES_LIMIT / 1024 / 1024} MB; nothing stored.`,
      );
    }
    const run = await ingestScannerReport(body.text, { kind: "upload", name: query.name }, actor.name);
    revalidatePath("/scanner");
    return run;
  },
);
