import { z } from "zod";

import { METRIC_KEYS, type MetricKey } from "@/lib/runbook/catalog";
import { SEVERITIES } from "@/lib/runbook/sev-levels";
import { ACTION_KINDS } from "@/lib/remediation/schemas";

import { parseExpr } from "./expr";

/** The playbook file format (playbooks/*.yaml). `check` metrics have the shape of an Argo
 * Rollouts AnalysisTemplate metric; `next` transitions are StackStorm Orquesta's `when`/`do`. */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
export const durationSchema = z
  .string()
  .regex(/^\d+(ms|s|m|h)$/, 'A duration such as "30s", "2m" or "1h"')
  .transform((d) => {
    const [, n, unit] = /^(\d+)(ms|s|m|h)$/.exec(d)!;
    return Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  });

const condition = z.string().superRefine((src, ctx) => {
  try {
    parseExpr(src);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: `Not a valid condition: ${(e as Error).message}` });
  }
});

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "Lowercase letters, digits and '-'");

/** Where in which runbook a step comes from: shown beside it, checked by review. */
export const sourceSchema = z.strictObject({
  runbook: z.enum(["000", "001"]),
  section: z.string().min(1),
  lines: z.string().regex(/^\d+(-\d+)?$/, 'Line or range, e.g. "83-96"'),
});

/** A web URL may name the service's configuration: `{{service.metricsBaseUrl}}/<path>`, or
 * exactly `{{service.upstreamHealthUrl}}` (the upstream dependency check, runbook 001 · High
 * Error Rate Alert, step 5). Any other `{{…}}` is a typo and refused. */
const webUrl = z
  .string()
  .min(1)
  .refine(
    (u) =>
      !u.includes("{{") ||
      u === "{{service.upstreamHealthUrl}}" ||
      (u.startsWith("{{service.metricsBaseUrl}}") && !u.slice(2).includes("{{")),
    "Only {{service.metricsBaseUrl}}/<path> or exactly {{service.upstreamHealthUrl}} may be templated",
  );

export const providerSchema = z.union([
  z.strictObject({
    web: z.strictObject({
      url: webUrl,
      /** Argo's `{$.field}` form or `$.field`. Without it the result is the HTTP status code. */
      jsonPath: z.string().min(1).optional(),
      timeoutSeconds: z.number().int().positive().max(60).optional(),
    }),
  }),
  z.strictObject({
    prometheus: z.strictObject({ address: z.string().min(1).optional(), query: z.string().min(1) }),
  }),
]);

export const metricSchema = z
  .strictObject({
    name: slug,
    label: z.string().min(1).optional(),
    unit: z.string().optional(),
    interval: durationSchema.default(0),
    count: z.number().int().min(1).max(10).default(1),
    failureLimit: z.number().int().min(0).default(0),
    successCondition: condition.optional(),
    failureCondition: condition.optional(),
    provider: providerSchema,
  })
  .refine((m) => m.count === 1 || m.interval > 0, {
    message: "count > 1 needs an interval",
    path: ["interval"],
  });

export const branchSchema = z.strictObject({
  when: condition,
  do: slug.optional(),
  say: z.string().min(1),
  level: z.enum(["critical", "warning", "info"]).default("info"),
  advice: z.array(z.string().min(1)).default([]),
});

const base = {
  id: slug,
  title: z.string().min(1),
  deadline: durationSchema.optional(),
  source: sourceSchema,
  note: z.string().optional(),
  auto: z.boolean().default(false),
};

export const stepSchema = z.discriminatedUnion("kind", [
  z.strictObject({ ...base, kind: z.literal("check"), metrics: z.array(metricSchema).min(1) }),
  z.strictObject({
    ...base,
    kind: z.literal("decision"),
    metric: metricSchema,
    next: z.array(branchSchema).min(1),
  }),
  z.strictObject({
    ...base,
    kind: z.literal("read"),
    view: z.enum(["history", "pods", "usage", "errors"]),
    sinceMinutes: z
      .number()
      .int()
      .positive()
      .max(24 * 60)
      .optional(),
    limit: z.number().int().positive().max(200).optional(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal("action"),
    action: z.enum(ACTION_KINDS),
    replicas: z.number().int().min(0).max(100).optional(),
  }),
  z.strictObject({ ...base, kind: z.literal("manual") }),
]);

/** A file entry: a step, or `include` of another playbook's steps (all or some). */
export const stepEntrySchema = z.union([
  z.strictObject({ include: slug, steps: z.array(slug).min(1).optional() }),
  stepSchema,
]);

export const playbookFileSchema = z
  .strictObject({
    id: slug,
    title: z.string().min(1),
    kind: z.enum(["severity", "guide", "procedure"]),
    severity: z.enum(SEVERITIES).optional(),
    metric: z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]]).optional(),
    responseTarget: durationSchema.optional(),
    summary: z.string().min(1),
    source: sourceSchema,
    links: z.array(z.strictObject({ label: z.string().min(1), href: z.string().min(1) })).default([]),
    steps: z.array(stepEntrySchema).min(1),
  })
  .superRefine((p, ctx) => {
    if (p.kind === "severity" && !p.severity)
      ctx.addIssue({ code: "custom", path: ["severity"], message: "A severity playbook names its SEV" });
    if (p.kind === "guide" && !p.metric)
      ctx.addIssue({ code: "custom", path: ["metric"], message: "A guide names the metric it investigates" });
  });

export type PlaybookFile = z.output<typeof playbookFileSchema>;
export type Step = z.output<typeof stepSchema>;
export type Metric = z.output<typeof metricSchema>;
export type Branch = z.output<typeof branchSchema>;
export type Source = z.output<typeof sourceSchema>;
export type StepKind = Step["kind"];

/** A playbook with its includes expanded; what runs and what the UI shows. */
export type Playbook = Omit<PlaybookFile, "steps"> & { steps: Step[]; file: string; yaml: string };
