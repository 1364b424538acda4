import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { declareIncident } from "@/lib/incidents/commands";
import { enqueueJob, registerJobHandler } from "@/lib/jobs/queue";

import type { IncidentDraft } from "./transition";

/**
 * Auto-declare, exactly once per SEV transition. The tracker declares right after the SEV
 * transaction commits; if that fails, the declaration becomes a durable job (lib/jobs) retried
 * with backoff until it succeeds. The incident's first metric_breach event carries the
 * transition's key ("autoDeclareKey", unique in the database), so a retry after a declaration
 * that did commit finds the incident instead of declaring a second one.
 */
export const AUTO_DECLARE_JOB = "severity.auto-declare";

export type AutoDeclareJob = { key: string; draft: IncidentDraft; actor: Actor };

/** "<service>:<service_sev_changes id>": one key per level transition of one service. */
export function autoDeclareKey(serviceName: string, changeId: number): string {
  return `${serviceName}:${changeId}`;
}

export async function declareFromDraft(
  draft: IncidentDraft,
  actor: Actor,
  key?: string,
): Promise<{ id: number }> {
  return declareIncident(
    { title: draft.title, severity: draft.severity, service: draft.service, summary: draft.summary },
    actor,
    {
      initialEvents: [
        {
          kind: "metric_breach",
          actor: actor.name,
          body: draft.event.body,
          data: { ...(draft.event.data as Prisma.InputJsonObject), ...(key ? { autoDeclareKey: key } : {}) },
        },
      ],
    },
  );
}

async function findDeclared(key: string): Promise<{ id: number } | null> {
  const rows = await getDb().$queryRaw<Array<{ id: number }>>`
    SELECT "incident_id" AS "id" FROM "timeline_events" WHERE "data" ? 'autoDeclareKey' AND "data"->>'autoDeclareKey' = ${key}`;
  return rows[0] ?? null;
}

/** Declares the transition's incident unless it already exists; returns it either way. */
export async function declareOnce(job: AutoDeclareJob): Promise<{ id: number; declared: boolean }> {
  const existing = await findDeclared(job.key);
  if (existing) return { ...existing, declared: false };
  try {
    return { ...(await declareFromDraft(job.draft, job.actor, job.key)), declared: true };
  } catch (e) {
    // A concurrent or earlier attempt may have committed it (the key is unique).
    const found = await findDeclared(job.key).catch(() => null);
    if (found) return { ...found, declared: false };
    throw e;
  }
}

/** Queues the retry; while the database cannot even take the job, keeps trying in memory. */
export async function enqueueAutoDeclare(
  job: AutoDeclareJob,
  log: (m: string) => void = (m) => console.error(`[sev] ${m}`),
): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      await enqueueJob(AUTO_DECLARE_JOB, job, {
        singletonKey: `auto-declare:${job.key}`,
        retryLimit: 12,
        retryDelaySeconds: 2,
        retryBackoff: true,
      });
      log(`auto-declare of ${job.draft.service} (${job.draft.severity}) queued for retry`);
      return;
    } catch (e) {
      log(`queueing the auto-declare of ${job.draft.service} failed: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, Math.min(30_000, 1_000 * 2 ** attempt)));
    }
  }
}

registerJobHandler<AutoDeclareJob>(AUTO_DECLARE_JOB, async (job) => {
  const result = await declareOnce(job);
  console.log(
    `[sev] auto-declare ${job.key}: ${result.declared ? "declared" : "already declared"} incident ${result.id}`,
  );
});
