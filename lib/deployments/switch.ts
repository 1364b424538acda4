import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { listOpenIncidentsForService } from "@/lib/incidents/queries";
import { assertKubeTargetAllowed } from "@/lib/kube/identity-config";
import { getClusterAs } from "@/lib/remediation/cluster-factory";
import { previewActionOn, type ActionPreview } from "@/lib/remediation/preview";
import { runActionOn } from "@/lib/remediation/run-action";
import { getServiceByName, type WatchedService } from "@/lib/services/queries";

import { healthOf, openSev1Incident } from "./checks";
import { MODE_TARGET, scaledInterval, WATCH_CHECKS, type WatchMode } from "./decide";
import { createWatch, findWatching, type PreCheck, type WatchDto } from "./store";
import { scheduleSlice } from "./watch-job";

async function serviceOrThrow(name: string): Promise<WatchedService> {
  const service = await getServiceByName(name);
  if (!service) throw new AppError("NOT_FOUND", `Service "${name}" is not registered in Firebreak.`);
  return service;
}

export type SwitchPlan = { preview: ActionPreview; preChecks: PreCheck[]; ready: boolean };

/** The pre-checks and the dry run of the switch, nothing sent (seed 001, Deployment Procedures:
 * standard deployment step 1 "Pre-deployment checks", lines 214-219; the emergency deployment
 * runs only the critical ones, line 276). */
export async function planSwitch(
  serviceName: string,
  mode: WatchMode,
  actor: Actor | null,
): Promise<SwitchPlan> {
  const service = await serviceOrThrow(serviceName);
  assertKubeTargetAllowed(service.k8s);
  const to = MODE_TARGET[mode];
  const { selectorLabel } = service.k8s;
  const preview = await previewActionOn(
    service,
    { kind: "switch", switchTo: to },
    { cluster: getClusterAs(service.k8s.context, actor) },
  );
  // The rollback's pre-flight, pointed at the new version: the pods `version=new` selects.
  const pods = preview.serving;
  const preChecks: PreCheck[] = [
    {
      name: `${selectorLabel}=${to} pods ready`,
      ok: !preview.refusal && (preview.isNoop || (pods?.ready ?? 0) > 0),
      detail:
        preview.refusal?.message ?? pods?.summary ?? `the Service already selects ${selectorLabel}=${to}`,
    },
  ];
  if (mode === "blue_green") {
    const [health, sev] = await Promise.all([healthOf(service), openSev1Incident(service.name)]);
    preChecks.push(
      { name: "/health/live", ok: health.live === 200, detail: `answered ${health.live ?? "nothing"}` },
      { name: "/health/ready", ok: health.ready === 200, detail: `answered ${health.ready ?? "nothing"}` },
      { name: "no SEV-1+ open", ok: sev === null, detail: sev ?? "none open for the service" },
    );
  }
  return { preview, preChecks, ready: preChecks.every((c) => c.ok) && !preview.dryRunError };
}

/** Runs the pre-checks, switches the Service's selector through the one action path (dry run,
 * idempotency key, lease, action run row, timeline event of the open incident if any), then
 * records the watch and queues its first check. */
export async function startSwitch(serviceName: string, mode: WatchMode, actor: Actor): Promise<WatchDto> {
  const service = await serviceOrThrow(serviceName);
  const running = await findWatching(service.name);
  if (running) throw new AppError("CONFLICT", `Watch #${running.id} of ${service.name} is still running.`);
  const plan = await planSwitch(service.name, mode, actor);
  const failed = plan.preChecks.filter((c) => !c.ok);
  if (failed.length > 0 || plan.preview.dryRunError)
    throw new AppError(
      "CONFLICT",
      `Pre-checks failed, nothing was sent: ${[
        ...failed.map((c) => `${c.name} (${c.detail})`),
        ...(plan.preview.dryRunError ? [`dry run: ${plan.preview.dryRunError}`] : []),
      ].join("; ")}`,
    );
  const incidentId = (await listOpenIncidentsForService(service.name)).at(-1)?.id ?? null;
  const result = await runActionOn(
    { incidentId, service },
    { kind: "switch", switchTo: MODE_TARGET[mode] },
    actor,
    { cluster: getClusterAs(service.k8s.context, actor) },
  );
  const switchRunId = result.status === "done" ? result.run.id : result.runId;
  let watch: WatchDto;
  try {
    watch = await createWatch({
      service: service.name,
      mode,
      toValue: MODE_TARGET[mode],
      startedBy: actor.name,
      incidentId,
      switchRunId,
      totalChecks: mode === "blue_green" ? WATCH_CHECKS : null,
      intervalMs: scaledInterval(getEnv().DEPLOY_WATCH_INTERVAL_SCALE),
      preChecks: plan.preChecks,
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002")
      throw new AppError("CONFLICT", `Another watch of ${service.name} started at the same time.`);
    throw e;
  }
  await scheduleSlice(watch);
  return watch;
}
