import { z } from "zod";

/** Inputs of the playbook server actions (zod-parsed by defineAction). */
const id = z.coerce.number().int().positive();
const stepRef = {
  runId: id,
  stepId: z.string().min(1).max(100),
  seenAttempt: z.coerce.number().int().min(0),
};

/** `auto`: the page ran a step marked `auto` on its own (not a person's response). */
export const runStepSchema = z.object({ ...stepRef, auto: z.boolean().optional() });
export const tickStepSchema = z.object({
  ...stepRef,
  note: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || undefined),
  link: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^https?:\/\//.test(v), "A link must start with http:// or https://"),
});
export const skipStepSchema = z.object({
  ...stepRef,
  reason: z.string().trim().min(1, "Give a reason").max(500),
});
export const actionStepSchema = z.object({ ...stepRef, actionRunId: id });
export const startPlaybookSchema = z.object({ incidentId: id, playbookId: z.string().min(1).max(100) });
export const switchPlaybookSchema = z.object({ incidentId: id });
