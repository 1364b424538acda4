import { z } from "zod";

import { MAX_REPORT_BYTES_LIMIT } from "./limits";

/** Upload form: the action reads the File into `text` (only when within the limit). */
export const uploadReportSchema = z.object({
  report: z.string().trim().min(1, "Choose an ApiHunter report file (--format pretty or ndjson)."),
  size: z
    .number()
    .int()
    .min(0)
    .max(MAX_REPORT_BYTES_LIMIT, `The file is larger than ${MAX_REPORT_BYTES_LIMIT / 1024 / 1024} MB.`),
  text: z.string(),
});

/** Ingest by a path on the Firebreak server. */
export const ingestPathSchema = z.object({
  path: z
    .string()
    .trim()
    .min(1, "Enter the absolute path of a report file on the Firebreak server.")
    .max(4096, "That path is too long.")
    .refine((p) => p.startsWith("/"), "Use an absolute path (starting with /)."),
});
