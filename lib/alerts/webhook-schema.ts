import { z } from "zod";

/**
 * The Alertmanager webhook payload (version 4), which Grafana's Alertmanager-compatible webhook
 * also sends (with extra fields such as `orgId`, `title`, `values` that are kept but unused).
 * Unknown fields pass; what Firebreak relies on is required.
 */
const labels = z.record(z.string(), z.string());
const time = z.iso.datetime({ offset: true, error: "expected an RFC 3339 time" });

export const webhookAlertSchema = z.looseObject({
  status: z.enum(["firing", "resolved"], { error: 'expected "firing" or "resolved"' }),
  labels: labels.refine((l) => typeof l.alertname === "string" && l.alertname.length > 0, {
    message: "labels.alertname is required",
  }),
  annotations: labels.default({}),
  startsAt: time,
  /** Alertmanager sends "0001-01-01T00:00:00Z" while an alert fires. */
  endsAt: time.optional(),
  generatorURL: z.string().max(2000).optional(),
  fingerprint: z.string().regex(/^[0-9a-zA-Z_-]{1,64}$/, "expected an alert fingerprint"),
});

export const webhookPayloadSchema = z.looseObject({
  version: z.string().optional(),
  receiver: z.string().max(200).default(""),
  status: z.enum(["firing", "resolved"]),
  alerts: z.array(webhookAlertSchema).min(1, "expected at least one alert").max(1000),
  groupLabels: labels.optional(),
  commonLabels: labels.optional(),
  externalURL: z.string().optional(),
});

export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
export type WebhookAlert = z.infer<typeof webhookAlertSchema>;

/** The first problem of a refused payload as "path: message" (e.g. `alerts.0.startsAt: …`). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid payload";
  return `${issue.path.join(".") || "(root)"}: ${issue.message}`;
}
