"use server";

import { revalidatePath } from "next/cache";

import { defineAction, type ActionResult } from "@/lib/server-action";
import { ingestScannerReportFile } from "@/lib/scanner/ingest";
import { ingestPathSchema } from "@/lib/scanner/schemas";

export type IngestState = ActionResult<{ id: number }> & { values?: Record<string, string> };

const byPath = defineAction({ schema: ingestPathSchema, permission: "scanner:run" }, (input, { actor }) =>
  ingestScannerReportFile(input.path, actor.name),
);

export async function ingestPathAction(_prev: IngestState | null, formData: FormData): Promise<IngestState> {
  const result = await byPath(formData);
  if (result.ok) {
    revalidatePath("/scanner");
    return result;
  }
  return { ...result, values: { path: String(formData.get("path") ?? "") } };
}
