"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { runAutotuneApply } from "@/lib/optimizer-ops/autotune-ops";
import { runCacheOptimize, runCacheRestore, runCacheSnapshot } from "@/lib/optimizer-ops/cache-ops";
import { runConfigBackup, runConfigRestore } from "@/lib/optimizer-ops/config-ops";
import { runMaintenance } from "@/lib/optimizer-ops/maintenance-run";
import { outcomeMessage as said } from "@/lib/optimizer-ops/outcome-message";
import {
  autotuneApplySchema,
  cacheRestoreSchema,
  configBackupSchema,
  configRestoreSchema,
  confirmedSchema,
  maintenanceSchema,
} from "@/lib/optimizer-ops/schemas";
import { defineAction, type ActionResult } from "@/lib/server-action";

export type OpState = ActionResult<{ message: string; failed: boolean }> | null;

/** Non-destructive: optimize, snapshot, backups and the maintenance run (a responder). */
const optimize = defineAction(
  { schema: confirmedSchema, permission: "cluster:act", name: "optimizer.cacheOptimize" },
  async (input, { actor }) => said(await runCacheOptimize(input, actor)),
);
const snapshot = defineAction(
  { schema: confirmedSchema, permission: "cluster:act", name: "optimizer.cacheSnapshot" },
  async (input, { actor }) => said(await runCacheSnapshot(input, actor)),
);
const backup = defineAction(
  { schema: configBackupSchema, permission: "cluster:act", name: "optimizer.configBackup" },
  async (input, { actor }) => said(await runConfigBackup(input, actor)),
);
const maintenance = defineAction(
  { schema: maintenanceSchema, permission: "cluster:act", name: "optimizer.maintenance" },
  async (input, { actor }) =>
    said(
      await runMaintenance(
        {
          service: input.service,
          requestId: input.requestId,
          incidentId: input.incidentId,
          manual: { log_rotation: input.logRotation, security_scan: input.securityScan },
          notes: { log_rotation: input.logRotationNote, security_scan: input.securityScanNote },
        },
        actor,
      ),
    ),
);

/** Overwriting live state (a cache, a ConfigMap or Secret, tuned configuration): a commander. */
const cacheRestore = defineAction(
  { schema: cacheRestoreSchema, permission: "cluster:act:destructive", name: "optimizer.cacheRestore" },
  async (input, { actor }) => said(await runCacheRestore(input, actor)),
);
const configRestore = defineAction(
  { schema: configRestoreSchema, permission: "cluster:act:destructive", name: "optimizer.configRestore" },
  async (input, { actor }) => said(await runConfigRestore(input, actor)),
);
const autotune = defineAction(
  { schema: autotuneApplySchema, permission: "cluster:act:destructive", name: "optimizer.autotuneApply" },
  async (input, { actor }) => said(await runAutotuneApply(input, actor)),
);

const ACTIONS = { optimize, snapshot, backup, maintenance, cacheRestore, configRestore, autotune };
export type OpName = keyof typeof ACTIONS;

/** A form without a known `op` is still refused in the usual order: session, role, input. */
const unknown = defineAction(
  {
    schema: z.object({ op: z.enum(Object.keys(ACTIONS) as [OpName, ...OpName[]]) }),
    permission: "cluster:act",
    name: "optimizer.unknown",
  },
  async () => ({ message: "Unknown operation.", failed: true }),
);

/** The one form action of the page: `op` names which confirmed operation the form carries. */
export async function optimizerFormAction(_prev: OpState, formData: FormData): Promise<OpState> {
  const name = String(formData.get("op") ?? "");
  const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name as OpName] : null;
  if (!action) return unknown(formData);
  formData.delete("op");
  const result = await action(formData);
  revalidatePath("/optimizer");
  return result;
}
