import { z } from "zod";

import { CONFIG_OBJECT_KINDS } from "@/lib/kube/config-objects";

import { TUNABLE_KEYS } from "./autotune";

const service = z.string().trim().min(1, "Which service?").max(100);
/** One per confirm dialog (a UUID): the same confirmation sent twice is done once. */
const requestId = z.uuid("A request id (UUID)");
const incidentId = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : v),
  z.coerce.number().int().positive().nullable(),
);
const id = z.coerce.number().int().positive();

export const confirmedSchema = z.object({ service, requestId, incidentId });
export const cacheRestoreSchema = z.object({ snapshotId: id, requestId, incidentId });
export const configBackupSchema = confirmedSchema.extend({ kind: z.enum(CONFIG_OBJECT_KINDS) });
export const configRestoreSchema = z.object({
  backupId: id,
  resourceVersion: z.string().trim().min(1).max(64),
  requestId,
  incidentId,
});

const tuningChange = z.object({
  key: z.enum(TUNABLE_KEYS),
  from: z.string().max(253).nullable(),
  to: z.string().min(1).max(253),
  reason: z.string().max(200),
});
export const autotuneApplySchema = confirmedSchema.extend({
  resourceVersion: z.string().trim().min(1).max(64),
  changes: z.preprocess((v) => {
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }, z.array(tuningChange).min(1, "No change to apply").max(TUNABLE_KEYS.length)),
});

const mark = z.preprocess((v) => (v === "" ? undefined : v), z.enum(["done", "skipped"]).optional());
const note = z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(300).optional());
export const maintenanceSchema = confirmedSchema.extend({
  logRotation: mark,
  logRotationNote: note,
  securityScan: mark,
  securityScanNote: note,
});
