import { z } from "zod";
import { SEVERITIES } from "@/lib/runbook/sev-levels";

export const environmentSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Lowercase letters, digits and dashes (e.g. staging).");

export const addTargetsSchema = z.object({
  environment: environmentSchema,
  urls: z.string().trim().min(1, "List at least one URL, one per line.").max(200_000),
});

export const authorizationSchema = z.object({
  environment: environmentSchema,
  authorizedBy: z.string().trim().min(1, "Who authorized the scan?").max(200),
  documentUrl: z.url({ protocol: /^https?$/, error: "A link to the written authorization (http or https)." }),
  expiresAt: z.coerce.date({ error: "When does the authorization expire?" }),
});

export const passiveScanSchema = z.object({
  environment: environmentSchema,
  stage: z.enum(["passive", "back-to-passive"]),
});

export const activeScanSchema = z.object({
  environment: environmentSchema,
  stage: z.enum(["canary1", "canary2", "full"]),
  /** Percent of the approved targets for a canary (5–10 or 25–50). */
  percent: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number().positive().max(100).optional(),
  ),
  seed: z.string().trim().max(200).optional(),
});

export const scanIdSchema = z.object({ scanId: z.coerce.number().int().positive() });

export const triageSchema = z.object({
  environment: environmentSchema,
  url: z.string().min(1).max(4000),
  check: z.string().min(1).max(500),
  verdict: z.enum(["false_positive", "accepted_risk", "fixed"]),
  reason: z.string().trim().min(1, "Say why.").max(2000),
});

export const backToPassiveSchema = z.object({
  environment: environmentSchema,
  /** The scan whose trigger is rolled back from (its incident, if any, gets the rerun). */
  fromScanId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
});

export const openIncidentSchema = z.object({
  scanId: z.coerce.number().int().positive(),
  severity: z.enum(SEVERITIES, { error: "Choose a severity: SEV-0, SEV-1, SEV-2 or SEV-3" }),
  service: z.string().trim().min(1, "Which service do the targets belong to?").max(100),
});
