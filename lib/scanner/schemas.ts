import { z } from "zod";

/** Ingest by a path on the Firebreak server. */
export const ingestPathSchema = z.object({
  path: z
    .string()
    .trim()
    .min(1, "Enter the absolute path of a report file on the Firebreak server.")
    .max(4096, "That path is too long.")
    .refine((p) => p.startsWith("/"), "Use an absolute path (starting with /)."),
});
