import "server-only";

import { getEnv } from "@/lib/env";
import { startJobs, stopJobs } from "@/lib/jobs/queue";
// Every module that registers a job handler, so this process can work each kind of job.
import "@/lib/remediation/verify-runner";
import "@/lib/severity/auto-declare-job";
import "@/lib/scanner/operations/scan-job";
import "@/lib/notifications/deliver-job";
import "@/lib/deployments/watch-job";
// A retried auto-declare starts its SEV's playbook too (registers the declaration hook).
import "@/lib/playbooks/on-declare";
// Declarations, status changes and containment queue their notifications (lib/notifications).
import "@/lib/notifications/hooks";

/**
 * Process startup (instrumentation.ts): work background jobs (lib/jobs) in this console
 * process unless JOBS_ENABLED=false. pg-boss creates or upgrades its own `pgboss` schema on
 * the first start. Without DATABASE_URL there is no queue. Never throws: a database that is
 * down at boot is retried, since jobs wait durably in Postgres meanwhile.
 */
export async function bootJobs(log: (m: string) => void = (m) => console.log(`[jobs] ${m}`)): Promise<void> {
  const env = getEnv();
  if (!env.DATABASE_URL) return log("DATABASE_URL not set: no job queue");
  if (!env.JOBS_ENABLED) return log("JOBS_ENABLED=false: this process queues jobs but does not work them");
  for (let attempt = 0; ; attempt++) {
    try {
      await startJobs();
      return log("working background jobs");
    } catch (e) {
      const wait = Math.min(30_000, 1_000 * 2 ** attempt);
      log(`could not start the job queue (${(e as Error).message}); retrying in ${wait / 1000} s`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export async function shutdownJobs(): Promise<void> {
  await stopJobs();
}
