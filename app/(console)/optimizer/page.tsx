import Link from "next/link";

import { LocalTime } from "@/components/local-time";
import { PermissionGate } from "@/components/permission-gate";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { isDatabaseUnreachable } from "@/lib/errors";
import { listBackups, listOperations, listSnapshots } from "@/lib/optimizer-ops/store";
import { listServices } from "@/lib/services/queries";

import { OperationList } from "./operation-list";
import { Preview, PREVIEWS } from "./previews";

export const metadata = { title: "Optimizer" };
export const dynamic = "force-dynamic";

const SELECT = "rounded border border-zinc-300 bg-transparent px-2 py-1 text-sm dark:border-zinc-700";
const LINK = "rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700";

/** The optimizer's operations as audited actions (runbook 001 · Weekly Maintenance, Backup and
 * Recovery, Performance Tuning): each is previewed, confirmed, recorded and on the timeline. */
export default async function OptimizerPage({
  searchParams,
}: {
  searchParams: Promise<{ service?: string; preview?: string; id?: string }>;
}) {
  const sp = await searchParams;
  let services, service: string | undefined, snapshots, backups, operations;
  try {
    services = await listServices();
    service = services.find((s) => s.name === sp.service)?.name ?? services[0]?.name;
    [snapshots, backups, operations] = service
      ? await Promise.all([listSnapshots(service), listBackups(service), listOperations(service)])
      : [[], [], []];
  } catch (e) {
    if (!isDatabaseUnreachable(e)) throw e;
    return (
      <p role="alert" className="rounded border border-red-500/40 bg-red-500/10 p-3 text-sm">
        The database is unreachable; optimizer operations cannot be shown. Reload in a moment.
      </p>
    );
  }
  const actor = await getActor();
  const preview = PREVIEWS.find((p) => p === sp.preview);
  const id = Number(sp.id) > 0 ? Number(sp.id) : null;
  const href = (p: string, extra = "") =>
    `/optimizer?service=${encodeURIComponent(service ?? "")}&preview=${p}${extra}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Optimizer</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Cache optimize, snapshot and restore; ConfigMap and Secret backups and restores; the auto-tuning
          rules as a proposal; the weekly maintenance checklist. Each shows what it will do first and runs
          only when confirmed.
        </p>
      </div>
      <form method="get" aria-label="Choose a service" className="flex items-end gap-2">
        <label className="text-sm">
          Service{" "}
          <select name="service" defaultValue={service} className={SELECT}>
            {services.map((s) => (
              <option key={s.id} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={LINK}>
          Show
        </button>
      </form>
      {!service ? <p className="text-sm text-zinc-500">No service is registered.</p> : null}
      {service && preview && can(actor, "cluster:act") ? (
        <Preview name={preview} service={service} id={id} actor={actor} />
      ) : null}
      {service ? (
        <>
          <section aria-labelledby="cache-heading" className="space-y-2">
            <h2 id="cache-heading" className="text-lg font-semibold">
              Cache
            </h2>
            <PermissionGate permission="cluster:act" hide>
              <div className="flex flex-wrap gap-2">
                <Link className={LINK} href={href("optimize")}>
                  Optimize cache…
                </Link>
                <Link className={LINK} href={href("snapshot")}>
                  Take a snapshot…
                </Link>
              </div>
            </PermissionGate>
            <table aria-label="Cache snapshots" className="text-sm">
              <tbody>
                {snapshots.map((s) => (
                  <tr key={s.id}>
                    <td className="pr-3">#{s.id}</td>
                    <td className="pr-3">{s.entryCount} entries</td>
                    <td className="pr-3">{s.sizeBytes} bytes</td>
                    <td className="pr-3 font-mono text-xs">sha256 {s.checksum.slice(0, 12)}…</td>
                    <td className="pr-3">
                      {s.takenBy}, <LocalTime iso={s.createdAt} />
                    </td>
                    <td>
                      <Link className="underline" href={href("cache-restore", `&id=${s.id}`)}>
                        Restore snapshot #{s.id}…
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {snapshots.length === 0 ? <p className="text-sm text-zinc-500">No snapshot yet.</p> : null}
          </section>
          <section aria-labelledby="config-heading" className="space-y-2">
            <h2 id="config-heading" className="text-lg font-semibold">
              Configuration backups
            </h2>
            <PermissionGate permission="cluster:act" hide>
              <div className="flex flex-wrap gap-2">
                <Link className={LINK} href={href("backup-configmap")}>
                  Back up ConfigMap…
                </Link>
                <Link className={LINK} href={href("backup-secret")}>
                  Back up Secret…
                </Link>
              </div>
            </PermissionGate>
            <table aria-label="Configuration backups" className="text-sm">
              <tbody>
                {backups.map((b) => (
                  <tr key={b.id}>
                    <td className="pr-3">#{b.id}</td>
                    <td className="pr-3">
                      {b.kind} {b.namespace}/{b.name}
                    </td>
                    <td className="pr-3">keys: {b.keys.join(", ")}</td>
                    <td className="pr-3">{b.sizeBytes} bytes</td>
                    <td className="pr-3 font-mono text-xs">sha256 {b.checksum.slice(0, 12)}…</td>
                    <td className="pr-3">{b.encrypted ? "sealed, values hidden" : ""}</td>
                    <td className="pr-3">
                      {b.takenBy}, <LocalTime iso={b.createdAt} />
                    </td>
                    <td>
                      <Link className="underline" href={href("config-restore", `&id=${b.id}`)}>
                        Restore backup #{b.id}…
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {backups.length === 0 ? <p className="text-sm text-zinc-500">No backup yet.</p> : null}
          </section>
          <section aria-labelledby="tuning-heading" className="space-y-2">
            <h2 id="tuning-heading" className="text-lg font-semibold">
              Auto-tuning and maintenance
            </h2>
            <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
              Rules: hit ratio below 80% → cache size × 1.2; p95 above 5 ms → default TTL 15m; above 80
              requests/s → max connections 50 (runbook 001 · Performance Tuning).
            </p>
            <PermissionGate permission="cluster:act" hide>
              <div className="flex flex-wrap gap-2">
                <Link className={LINK} href={href("autotune")}>
                  Compute auto-tuning proposal…
                </Link>
                <Link className={LINK} href={href("maintenance")}>
                  Start weekly maintenance…
                </Link>
              </div>
            </PermissionGate>
          </section>
          <OperationList operations={operations} />
        </>
      ) : null}
    </div>
  );
}
