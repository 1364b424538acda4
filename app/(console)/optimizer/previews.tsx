import { randomUUID } from "node:crypto";

import { PermissionGate } from "@/components/permission-gate";
import type { Actor } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { listOpenIncidentsForService } from "@/lib/incidents/queries";
import { previewCacheRestore, readCacheStats } from "@/lib/optimizer-ops/cache-ops";
import { previewConfigRestore } from "@/lib/optimizer-ops/config-ops";

import { DiffTable } from "./diff-table";
import { CONFIRM_FORM_ID, Hidden, PRE } from "./hidden";
import { OpForm } from "./op-form";
import { autotunePreview, maintenancePreview } from "./preview-tuning";

export const PREVIEWS = [
  "optimize",
  "snapshot",
  "cache-restore",
  "backup-configmap",
  "backup-secret",
  "config-restore",
  "autotune",
  "maintenance",
] as const;
export type PreviewName = (typeof PREVIEWS)[number];

const BOX = "space-y-2 rounded border border-zinc-300 p-3 text-sm dark:border-zinc-700";

/** What an operation will do, computed on the server (dry runs, checksums, live reads), with
 * its confirm form. Nothing is changed until the form is confirmed. */
export async function Preview({
  name,
  service,
  id,
  actor,
}: {
  name: PreviewName;
  service: string;
  id: number | null;
  actor: Actor | null;
}) {
  const requestId = randomUUID();
  let content: React.ReactNode;
  try {
    content = await body(name, service, id, actor, requestId);
  } catch (e) {
    if (!isAppError(e)) throw e;
    return (
      <p role="alert" className="rounded border border-red-500/40 bg-red-500/10 p-2 text-sm">
        Preview failed, nothing was sent: {e.message}
      </p>
    );
  }
  const incidents = await listOpenIncidentsForService(service);
  return (
    <section aria-label="Preview" className={BOX}>
      {content}
      {incidents.length > 0 ? (
        <label className="block">
          Recorded on the timeline of{" "}
          <select
            name="incidentId"
            form={CONFIRM_FORM_ID}
            defaultValue={incidents.at(-1)!.id}
            className="rounded border border-zinc-300 bg-transparent px-1 dark:border-zinc-700"
          >
            {incidents.map((i) => (
              <option key={i.id} value={i.id}>
                incident #{i.id} ({i.severity}, {i.status})
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="text-zinc-500">
          No incident of {service} is open: the operation is recorded on this page and in the audit log.
        </p>
      )}
    </section>
  );
}

async function body(
  name: PreviewName,
  service: string,
  id: number | null,
  actor: Actor | null,
  requestId: string,
) {
  const base = { service, requestId };
  switch (name) {
    case "optimize":
    case "snapshot": {
      const { stats, error } = await readCacheStats(service);
      const optimize = name === "optimize";
      return (
        <>
          <h3 className="font-semibold">{optimize ? "Optimize the cache" : "Take a cache snapshot"}</h3>
          <p>
            Sends <code>{optimize ? "POST /cache/optimize" : "POST /cache/snapshot"}</code> to {service}
            {optimize ? "." : "; the answer is kept in Firebreak with its size and SHA-256."}
          </p>
          <p aria-label="Cache now">
            Cache now:{" "}
            {stats
              ? `${stats.size} entries, hit ratio ${stats.hitRatio}%, ${stats.memoryMb} MB, default TTL ${stats.defaultTtl}`
              : `unreadable (${error})`}
          </p>
          <PermissionGate permission="cluster:act">
            <OpForm
              op={name}
              label={optimize ? "Confirm optimize" : "Confirm snapshot"}
              submit={optimize ? "Confirm optimize" : "Confirm snapshot"}
            >
              <Hidden fields={base} />
            </OpForm>
          </PermissionGate>
        </>
      );
    }
    case "cache-restore": {
      const p = await previewCacheRestore(id ?? 0);
      return (
        <>
          <h3 className="font-semibold">Restore cache snapshot #{p.snapshot.id}</h3>
          <p>
            Snapshot #{p.snapshot.id} taken by {p.snapshot.takenBy}: {p.snapshot.entryCount} entries,{" "}
            {p.snapshot.sizeBytes} bytes, checksum verified (sha256{" "}
            <code>{p.snapshot.checksum.slice(0, 16)}…</code>).
          </p>
          <p aria-label="Cache now">
            It replaces the cache now holding:{" "}
            {p.current
              ? `${p.current.size} entries, hit ratio ${p.current.hitRatio}%`
              : `unreadable (${p.currentError})`}
          </p>
          <pre className={PRE}>{p.request}</pre>
          <PermissionGate permission="cluster:act:destructive">
            <OpForm
              op="cacheRestore"
              label="Confirm cache restore"
              submit={`Confirm restore of snapshot #${p.snapshot.id}`}
            >
              <Hidden fields={{ snapshotId: p.snapshot.id, requestId }} />
            </OpForm>
          </PermissionGate>
        </>
      );
    }
    case "backup-configmap":
    case "backup-secret": {
      const kind = name === "backup-secret" ? "Secret" : "ConfigMap";
      return (
        <>
          <h3 className="font-semibold">Back up the {kind}</h3>
          <p>
            Reads the service&apos;s {kind} and keeps its data in Firebreak with size and checksum
            {kind === "Secret" ? ", sealed with AES-256-GCM; its values are never shown" : ""}.
          </p>
          <PermissionGate permission="cluster:act">
            <OpForm op="backup" label={`Confirm ${kind} backup`} submit={`Confirm ${kind} backup`}>
              <Hidden fields={{ ...base, kind }} />
            </OpForm>
          </PermissionGate>
        </>
      );
    }
    case "config-restore": {
      const p = await previewConfigRestore(id ?? 0, actor);
      const b = p.backup;
      return (
        <>
          <h3 className="font-semibold">
            Restore {b.kind} {b.name} from backup #{b.id}
          </h3>
          <p>
            Backup #{b.id} by {b.takenBy}: {b.keys.length} keys, {b.sizeBytes} bytes, checksum verified. Live
            version {p.resourceVersion}; the restore is refused if it changes before you confirm.
          </p>
          <DiffTable label="Restore diff" diff={p.diff} empty="The live object already matches the backup." />
          {p.dryRunError ? <p role="alert">Dry run refused: {p.dryRunError}</p> : null}
          <pre className={PRE} aria-label="kubectl command">
            {p.kubectl}
          </pre>
          <PermissionGate permission="cluster:act:destructive">
            <OpForm
              op="configRestore"
              label="Confirm configuration restore"
              submit={`Confirm restore of backup #${b.id}`}
              disabledReason={
                p.dryRunError
                  ? "The dry run was refused: nothing can be sent."
                  : p.isNoop
                    ? "Nothing to restore."
                    : null
              }
            >
              <Hidden fields={{ backupId: b.id, resourceVersion: p.resourceVersion, requestId }} />
            </OpForm>
          </PermissionGate>
        </>
      );
    }
    case "autotune":
      return autotunePreview(service, actor, requestId);
    case "maintenance":
      return maintenancePreview(service, requestId);
  }
}
