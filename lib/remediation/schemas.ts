import { z } from "zod";

import { ACTION_KINDS, MAX_REPLICAS, SWITCH_TARGETS } from "./action-kinds";

export {
  ACTION_KINDS,
  ACTION_LABELS,
  MAX_REPLICAS,
  SWITCH_TARGETS,
  type ActionKind,
  type SwitchTarget,
} from "./action-kinds";

const optionalInt = (schema: z.ZodNumber) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().pipe(schema).optional());

export const actionRequestSchema = z
  .object({
    incidentId: z.coerce.number().int().positive(),
    kind: z.enum(ACTION_KINDS),
    toRevision: optionalInt(z.number().int().positive()),
    replicas: optionalInt(z.number().int().min(0).max(MAX_REPLICAS)),
    /** Rollback only: add the selector label the Service lacks (a separately confirmed variant). */
    variant: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(["add-label"]).optional()),
    /** Switch only: the selector value to switch traffic to. */
    switchTo: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.enum(SWITCH_TARGETS).optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "scale" && v.replicas === undefined) {
      ctx.addIssue({ code: "custom", path: ["replicas"], message: "How many replicas?" });
    }
    if (v.variant && v.kind !== "rollback") {
      ctx.addIssue({ code: "custom", path: ["variant"], message: "Only the rollback has this variant." });
    }
    if (v.kind === "switch" && v.switchTo === undefined) {
      ctx.addIssue({ code: "custom", path: ["switchTo"], message: "Switch to which version?" });
    }
  });
export type ActionRequest = z.infer<typeof actionRequestSchema>;

export const actionListFiltersSchema = z.object({
  kind: z.enum(ACTION_KINDS).optional().catch(undefined),
  outcome: z.enum(["pending", "succeeded", "failed"]).optional().catch(undefined),
  service: z.string().trim().min(1).max(100).optional().catch(undefined),
  incidentId: z.coerce.number().int().positive().optional().catch(undefined),
});
export type ActionListFilters = z.infer<typeof actionListFiltersSchema>;
