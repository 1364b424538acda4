"use server";

import { revalidatePath } from "next/cache";

import { defineAction, type ActionResult } from "@/lib/server-action";
import { ingestScannerReport, ingestScannerReportFile } from "@/lib/scanner/ingest";
import { MAX_REPORT_BYTES_LIMIT } from "@/lib/scanner/limits";
import { ingestPathSchema, uploadReportSchema } from "@/lib/scanner/schemas";

export type IngestState = ActionResult<{ id: number }> & { values?: Record<string, string> };

const upload = defineAction({ schema: uploadReportSchema, permission: "scanner:run" }, (input, { actor }) =>
  ingestScannerReport(input.text, { kind: "upload", name: input.report }, actor.name),
);

const byPath = defineAction({ schema: ingestPathSchema, permission: "scanner:run" }, (input, { actor }) =>
  ingestScannerReportFile(input.path, actor.name),
);

export async function uploadReportAction(
  _prev: IngestState | null,
  formData: FormData,
): Promise<IngestState> {
  const file = formData.get("report");
  const isFile = typeof file === "object" && file !== null && file.size > 0;
  const input = isFile
    ? {
        report: file.name,
        size: file.size,
        text: file.size <= MAX_REPORT_BYTES_LIMIT ? await file.text() : "",
      }
    : { report: "", size: 0, text: "" };
  const result = await upload(input);
  if (result.ok) revalidatePath("/scanner");
  return result;
}

export async function ingestPathAction(_prev: IngestState | null, formData: FormData): Promise<IngestState> {
  const result = await byPath(formData);
  if (result.ok) {
    revalidatePath("/scanner");
    return result;
  }
  return { ...result, values: { path: String(formData.get("path") ?? "") } };
}
