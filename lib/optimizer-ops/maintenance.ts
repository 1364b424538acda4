/** The weekly maintenance checklist (runbook 001 · Weekly Maintenance, the script's five steps).
 * Firebreak runs what it can reach; the steps that run inside the pod or from the operator's
 * scripts stay with a person, who says whether they were done. Pure. */
import type { ChecklistItem, ChecklistStatus } from "./kinds";

export const MAINTENANCE_ITEMS = [
  { id: "cache_optimization", name: "Cache optimization", how: "auto", does: "POST /cache/optimize" },
  {
    id: "log_rotation",
    name: "Log rotation",
    how: "manual",
    does: "kubectl exec -it deployment/{deployment} -- logrotate /etc/logrotate.conf",
  },
  {
    id: "performance_tuning",
    name: "Performance tuning",
    how: "auto",
    does: "computes the auto-tuning proposal; a change is applied only from Auto-tuning, on its own confirmation",
  },
  {
    id: "backup_verification",
    name: "Backup verification",
    how: "auto",
    does: "the newest cache snapshot, ConfigMap and Secret backups exist, are under 7 days old and match their checksums",
  },
  { id: "security_scan", name: "Security scan", how: "manual", does: "./scripts/security-scan.sh" },
] as const;

export type MaintenanceItemId = (typeof MAINTENANCE_ITEMS)[number]["id"];
export type ManualMark = "done" | "skipped";

/** A backup older than this fails verification (the run is weekly). */
export const BACKUP_MAX_AGE_MS = 7 * 24 * 3600_000;

export type BackupCheck = {
  what: string;
  id: number | null;
  createdAt: Date | null;
  checksumOk: boolean | null;
};

/** Backup verification as one item: every expected backup present, fresh and intact. */
export function judgeBackups(checks: BackupCheck[], now: Date): ChecklistItem {
  const problems: string[] = [];
  const fine: string[] = [];
  for (const c of checks) {
    if (c.id === null || c.createdAt === null) problems.push(`no ${c.what}`);
    else if (c.checksumOk === false) problems.push(`${c.what} #${c.id} fails its checksum`);
    else if (now.getTime() - c.createdAt.getTime() > BACKUP_MAX_AGE_MS)
      problems.push(`${c.what} #${c.id} is older than 7 days`);
    else fine.push(`${c.what} #${c.id} ok`);
  }
  return {
    name: "Backup verification",
    status: problems.length === 0 ? "ok" : "failed",
    detail: [...problems, ...fine].join("; "),
  };
}

/** A manual step as the person reported it (unreported counts as skipped). */
export function manualItem(
  id: MaintenanceItemId,
  deployment: string,
  mark: ManualMark | undefined,
  note: string | undefined,
): ChecklistItem {
  const item = MAINTENANCE_ITEMS.find((i) => i.id === id)!;
  const status: ChecklistStatus = mark === "done" ? "done" : "skipped";
  const command = item.does.replace("{deployment}", deployment);
  return {
    name: item.name,
    status,
    detail: `${status === "done" ? "done outside Firebreak" : "not done"}: ${command}${note ? ` — ${note}` : ""}`,
  };
}

/** A run fails when any step Firebreak performed failed; manual steps never fail it. */
export function runFailed(items: ChecklistItem[]): string | undefined {
  const failed = items.filter((i) => i.status === "failed").map((i) => i.name);
  return failed.length > 0 ? `failed: ${failed.join(", ")}` : undefined;
}
