import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";

import { proposeAutotune } from "./autotune-ops";
import { snapshotIntact } from "./cache-ops";
import { backupIntact } from "./config-ops";
import type { ChecklistItem } from "./kinds";
import { judgeBackups, manualItem, runFailed, type BackupCheck, type ManualMark } from "./maintenance";
import { optimizeCache } from "./optimizer-cache";
import { runOperation, type OperationResult } from "./run-op";
import { latestBackups } from "./store";
import { optimizerServiceOrThrow } from "./targets";

const message = (e: unknown) => (isAppError(e) || e instanceof Error ? e.message : String(e));

async function step(name: string, fn: () => Promise<string>): Promise<ChecklistItem> {
  try {
    return { name, status: "ok", detail: await fn() };
  } catch (e) {
    return { name, status: "failed", detail: message(e) };
  }
}

async function verifyBackups(service: string): Promise<ChecklistItem> {
  const { snapshot, configMap, secret } = await latestBackups(service);
  const check = <T extends { id: number; createdAt: Date }>(
    what: string,
    row: T | null,
    intact: (row: T) => boolean,
  ): BackupCheck => ({
    what,
    id: row?.id ?? null,
    createdAt: row?.createdAt ?? null,
    checksumOk: row ? intact(row) : null,
  });
  return judgeBackups(
    [
      check("cache snapshot", snapshot, snapshotIntact),
      check("ConfigMap backup", configMap, backupIntact),
      check("Secret backup", secret, backupIntact),
    ],
    new Date(),
  );
}

export type MaintenanceInput = {
  service: string;
  requestId: string;
  incidentId?: number | null;
  manual: { log_rotation?: ManualMark; security_scan?: ManualMark };
  notes: { log_rotation?: string; security_scan?: string };
};

/** One weekly maintenance run: each step in the runbook's order with its result. */
export async function runMaintenance(input: MaintenanceInput, actor: Actor): Promise<OperationResult> {
  const service = await optimizerServiceOrThrow(input.service);
  const deployment = service.k8s.deployment;
  return runOperation(
    {
      kind: "maintenance",
      service: service.name,
      actor,
      requestId: input.requestId,
      incidentId: input.incidentId,
      params: {
        logRotation: input.manual.log_rotation ?? "skipped",
        securityScan: input.manual.security_scan ?? "skipped",
      },
    },
    async () => {
      const items: ChecklistItem[] = [];
      items.push(
        await step(
          "Cache optimization",
          async () => `POST /cache/optimize answered ${(await optimizeCache(service.metricsBaseUrl)).status}`,
        ),
      );
      items.push(manualItem("log_rotation", deployment, input.manual.log_rotation, input.notes.log_rotation));
      items.push(
        await step("Performance tuning", async () => {
          const p = await proposeAutotune(service.name, actor);
          if (p.changes.length === 0) return `no change proposed (${p.notes.join("; ")})`;
          return `${p.changes.length} change(s) proposed, not applied: ${p.diff
            .map((d) => `${d.path} ${String(d.before)} → ${String(d.after)}`)
            .join("; ")} — review and confirm them under Auto-tuning`;
        }),
      );
      items.push(await verifyBackups(service.name));
      items.push(
        manualItem("security_scan", deployment, input.manual.security_scan, input.notes.security_scan),
      );
      const failed = runFailed(items);
      const counts = `${items.filter((i) => i.status === "ok" || i.status === "done").length}/${items.length} steps done`;
      return { summary: failed ? `${counts}; ${failed}` : counts, items, failed };
    },
  );
}
