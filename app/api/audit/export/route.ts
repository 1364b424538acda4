import { AUDIT_CSV_COLUMNS, auditCsvRow } from "@/lib/audit/csv";
import { auditFiltersSchema } from "@/lib/audit/filters";
import { iterateAudit } from "@/lib/audit/queries";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** Every audit row matching the filters as CSV, oldest first, streamed in pages (admins only). */
export const GET = defineRoute(
  { name: "audit export", permission: "admin", query: auditFiltersSchema },
  async ({ query }) => {
    const encoder = new TextEncoder();
    const pages = iterateAudit(query);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`${AUDIT_CSV_COLUMNS.join(",")}\r\n`));
      },
      async pull(controller) {
        const next = await pages.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.map(auditCsvRow).join("")));
      },
      async cancel() {
        await pages.return(undefined);
      },
    });
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "");
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="firebreak-audit-${stamp}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
