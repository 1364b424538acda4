import type { z } from "zod";

import { AppError } from "@/lib/errors";

/** Commands validate their own input too (other domains call them directly, not only actions):
 * invalid input becomes AppError("INVALID_INPUT") with per-field messages and nothing is written. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues)
    (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
  const first = parsed.error.issues[0]?.message ?? "Invalid input";
  throw new AppError("INVALID_INPUT", first, fieldErrors);
}
