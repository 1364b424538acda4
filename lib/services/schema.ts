import { z } from "zod";

import { METRICS, METRIC_KEYS, type MetricKey } from "@/lib/runbook/catalog";

/** Per-metric threshold overrides; same shape as lib/severity/engine.ts ThresholdOverrides.
 * null = "this service has no such threshold" (disables the runbook's line for it). */
export type ThresholdOverrides = Partial<
  Record<MetricKey, { warning?: number | null; critical?: number | null }>
>;

export type RatioUnit = "percent" | "fraction";
export type MetricsSourceKind = "optimizer" | "prometheus";

/** A service under watch, as the rest of Firebreak sees it (never the Prisma row). */
export type WatchedService = {
  id: number;
  name: string;
  metricsSource: MetricsSourceKind;
  /** Optimizer base URL (/health, /metrics/performance …) or the Prometheus server's base URL. */
  metricsBaseUrl: string;
  promQueries: Partial<Record<MetricKey, string>>;
  /** How the service reports ratios (cache hit, error rate …). Declared, never guessed. */
  ratioUnit: RatioUnit;
  thresholdOverrides: ThresholdOverrides;
  k8s: {
    context: string | null;
    namespace: string;
    deployment: string;
    service: string;
    selectorLabel: string;
    stableValue: string;
  };
  autoDeclare: boolean;
  /** An upstream dependency's health URL (runbook 001 · High Error Rate Alert, step 5), probed by
   * the playbooks' upstream check through the outbound rules (lib/net); null = none configured. */
  upstreamHealthUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const metricKeySchema = z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]]);
const threshold = z.number({ error: "Enter a number" }).finite("Enter a finite number").nullable().optional();

/** Keys must be catalog metrics; for "above" metrics warning ≤ critical, for "below" ones
 * warning ≥ critical (a critical line the warning one never precedes is a typo). */
export const thresholdOverridesSchema = z
  .partialRecord(metricKeySchema, z.strictObject({ warning: threshold, critical: threshold }))
  .superRefine((value, ctx) => {
    for (const [key, t] of Object.entries(value) as Array<
      [MetricKey, { warning?: number | null; critical?: number | null }]
    >) {
      const w = t.warning ?? METRICS[key].warning;
      const c = t.critical ?? METRICS[key].critical;
      if (w == null || c == null) continue;
      const ok = METRICS[key].direction === "above" ? w <= c : w >= c;
      if (!ok) {
        ctx.addIssue({
          code: "custom",
          path: [key, "warning"],
          message: `warning ${w} must be ${METRICS[key].direction === "above" ? "≤" : "≥"} critical ${c} (${METRICS[key].direction} = breach)`,
        });
      }
    }
  }) as z.ZodType<ThresholdOverrides>;

const name = z
  .string({ error: "Required" })
  .trim()
  .min(1, "Required")
  .max(63)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "Lowercase letters, digits and '-' (a Kubernetes-style name)");
const k8sName = z.string({ error: "Required" }).trim().min(1, "Required").max(253);
const httpUrl = z
  .string({ error: "Required" })
  .trim()
  .refine((u) => URL.canParse(u) && /^https?:\/\//.test(u), "Must be an http(s) URL")
  .transform((u) => u.replace(/\/+$/, ""));

const serviceFields = z.strictObject({
  name,
  metricsSource: z.enum(["optimizer", "prometheus"]).default("optimizer"),
  metricsBaseUrl: httpUrl,
  promQueries: z.partialRecord(metricKeySchema, z.string().trim().min(1, "Empty PromQL")).default({}),
  ratioUnit: z.enum(["percent", "fraction"], {
    error: "Declare how this service reports ratios: percent (0–100) or fraction (0–1)",
  }),
  thresholdOverrides: thresholdOverridesSchema.default({}),
  k8sContext: z.string().trim().min(1).nullable().optional(),
  k8sNamespace: k8sName.default("default"),
  k8sDeployment: k8sName,
  k8sService: k8sName,
  selectorLabel: k8sName.default("version"),
  stableValue: k8sName.default("stable"),
  autoDeclare: z.boolean().default(false),
  upstreamHealthUrl: httpUrl.nullable().optional(),
});

function promNeedsQueries(v: { metricsSource: string; promQueries: object }, ctx: z.RefinementCtx) {
  if (v.metricsSource === "prometheus" && Object.keys(v.promQueries).length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["promQueries"],
      message: "A Prometheus source needs at least one PromQL expression",
    });
  }
}

/** The canonical input for creating/updating a service: used by the config file and the UI form. */
export const serviceInputSchema = serviceFields.superRefine(promNeedsQueries);
/** The edit form: the same fields plus the service's id. */
export const serviceUpdateSchema = serviceFields
  .extend({ id: z.coerce.number().int().positive() })
  .superRefine(promNeedsQueries);

export type ServiceInput = z.output<typeof serviceInputSchema>;
