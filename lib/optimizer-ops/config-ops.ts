import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { openSecret, sealSecret } from "@/lib/crypto/key";
import { AppError, isAppError } from "@/lib/errors";
import { replaceDataOps, type ConfigObjectKind } from "@/lib/kube/config-objects";
import type { DiffLine } from "@/lib/kube/diff";

import { canonicalJson, dataDiff, sha256Hex } from "./config-data";
import { runOperation, type OperationResult } from "./run-op";
import { getBackupWithContent, saveBackup, toBackupDto, type BackupDto } from "./store";
import { configObjectName, configObjectsFor, serviceOrThrow } from "./targets";

/** The purpose a Secret backup is sealed for (bound into the ciphertext, lib/crypto). */
const SECRET_BACKUP_PURPOSE = "config_backup.secret";

/** `kubectl get configmap|secret … -o yaml > backups/…` (runbook 001 · Backup Procedures,
 * step 1): the object's data kept in Postgres with size and checksum; a Secret's sealed. */
export async function runConfigBackup(
  input: { service: string; kind: ConfigObjectKind; requestId: string; incidentId?: number | null },
  actor: Actor,
): Promise<OperationResult & { backup: BackupDto | null }> {
  const service = await serviceOrThrow(input.service);
  const ref = { namespace: service.k8s.namespace, name: configObjectName(service, input.kind) };
  let backup: BackupDto | null = null;
  const result = await runOperation(
    {
      kind: "config_backup",
      service: service.name,
      actor,
      requestId: input.requestId,
      incidentId: input.incidentId,
      params: { objectKind: input.kind, namespace: ref.namespace, name: ref.name },
    },
    async (operationId) => {
      const live = await configObjectsFor(service, actor).read(input.kind, ref);
      const canonical = canonicalJson(live.data);
      const encrypted = input.kind === "Secret";
      backup = await saveBackup({
        service: service.name,
        operationId,
        kind: input.kind,
        namespace: ref.namespace,
        name: ref.name,
        resourceVersion: live.resourceVersion,
        keys: Object.keys(live.data).sort(),
        sizeBytes: Buffer.byteLength(canonical, "utf8"),
        checksum: sha256Hex(canonical),
        encrypted,
        takenBy: actor.name,
        content: encrypted ? sealSecret(canonical, SECRET_BACKUP_PURPOSE) : canonical,
      });
      return {
        summary: `${input.kind} ${ref.namespace}/${ref.name} backup #${backup.id}: ${backup.keys.length} keys, ${
          backup.sizeBytes
        } bytes, sha256 ${backup.checksum.slice(0, 12)}…${encrypted ? ", sealed" : ""}`,
      };
    },
  );
  return { ...result, backup };
}

type LoadedBackup = BackupDto & { data: Record<string, string> };

/** A stored backup's canonical data: opened when it was sealed (a Secret's). */
function backupText(row: { content: string; encrypted: boolean }): string {
  return row.encrypted ? openSecret(row.content, SECRET_BACKUP_PURPOSE) : row.content;
}

/** Whether a stored backup still opens and matches its checksum. */
export function backupIntact(row: { content: string; encrypted: boolean; checksum: string }): boolean {
  try {
    return sha256Hex(backupText(row)) === row.checksum;
  } catch {
    return false;
  }
}

/** A backup's data, opened (Secret) and checked against its checksum; never sent otherwise. */
export async function loadBackup(id: number): Promise<LoadedBackup> {
  const row = await getBackupWithContent(id);
  if (!row) throw new AppError("NOT_FOUND", `Backup #${id} does not exist.`);
  const canonical = backupText(row);
  if (sha256Hex(canonical) !== row.checksum)
    throw new AppError("CONFLICT", `Backup #${id} fails its checksum; it cannot be restored.`);
  return { ...toBackupDto(row), data: JSON.parse(canonical) as Record<string, string> };
}

export type ConfigRestorePreview = {
  backup: BackupDto;
  /** The live object's version the diff was computed on; the restore is refused if it moved. */
  resourceVersion: string;
  /** Live → backup, as the API server's dry run computed it (Secret values masked). */
  diff: DiffLine[];
  isNoop: boolean;
  dryRunError: string | null;
  kubectl: string;
};

function restoreKubectl(b: BackupDto, rv: string, data: Record<string, string>): string {
  const value = b.kind === "Secret" ? `<${Object.keys(data).length} sealed values of backup #${b.id}>` : data;
  const ops = [
    { op: "test", path: "/metadata/resourceVersion", value: rv },
    { op: "add", path: "/data", value },
  ];
  return `kubectl patch ${b.kind.toLowerCase()} ${b.name} -n ${b.namespace} --type=json -p '${JSON.stringify(ops)}'`;
}

/** The dry-run diff of restoring a backup over the live object (nothing changed). */
export async function previewConfigRestore(
  backupId: number,
  actor: Actor | null,
): Promise<ConfigRestorePreview> {
  const backup = await loadBackup(backupId);
  const service = await serviceOrThrow(backup.service);
  const objects = configObjectsFor(service, actor);
  const ref = { namespace: backup.namespace, name: backup.name };
  const live = await objects.read(backup.kind, ref);
  const { data, ...dto } = backup;
  let diff = dataDiff(backup.kind, live.data, data);
  let dryRunError: string | null = null;
  if (diff.length > 0) {
    try {
      const after = await objects.patch(backup.kind, ref, replaceDataOps(live.resourceVersion, data), {
        dryRun: true,
      });
      diff = dataDiff(backup.kind, live.data, after.data);
    } catch (e) {
      dryRunError = isAppError(e) ? e.message : "The dry run failed.";
    }
  }
  return {
    backup: dto,
    resourceVersion: live.resourceVersion,
    diff,
    isNoop: diff.length === 0,
    dryRunError,
    kubectl: restoreKubectl(dto, live.resourceVersion, data),
  };
}

/** Restores a backup's data (runbook 001 · Recovery Procedures, step 1), only over the object
 * version the person saw the diff of: a ConfigMap or Secret changed since is refused. */
export async function runConfigRestore(
  input: { backupId: number; resourceVersion: string; requestId: string; incidentId?: number | null },
  actor: Actor,
): Promise<OperationResult> {
  const backup = await loadBackup(input.backupId);
  const service = await serviceOrThrow(backup.service);
  const ref = { namespace: backup.namespace, name: backup.name };
  return runOperation(
    {
      kind: "config_restore",
      service: service.name,
      actor,
      requestId: input.requestId,
      incidentId: input.incidentId,
      params: {
        backupId: backup.id,
        objectKind: backup.kind,
        name: backup.name,
        resourceVersion: input.resourceVersion,
      },
    },
    async () => {
      const objects = configObjectsFor(service, actor);
      const live = await objects.read(backup.kind, ref);
      if (live.resourceVersion !== input.resourceVersion)
        throw new AppError(
          "CONFLICT",
          `${backup.kind} ${backup.name} changed since the diff was shown (version ${input.resourceVersion} → ${live.resourceVersion}); nothing was restored. Review the diff again.`,
        );
      const diff = dataDiff(backup.kind, live.data, backup.data);
      const what = `${backup.kind} ${backup.namespace}/${backup.name} from backup #${backup.id}`;
      if (diff.length === 0) return { summary: `${what}: already identical, nothing sent` };
      const after = await objects.patch(backup.kind, ref, replaceDataOps(live.resourceVersion, backup.data));
      return { summary: `restored ${what}`, diff: dataDiff(backup.kind, live.data, after.data) };
    },
  );
}
