import "server-only";
import { randomUUID } from "node:crypto";

import PgBoss from "pg-boss";

import { getEnv } from "@/lib/env";

/**
 * The one durable job queue for background work (verification, auto-declare retries, and
 * later scanner runs, deployment watches, notifications). Jobs are rows in Postgres (pg-boss,
 * in its own `pgboss` schema, which pg-boss creates and migrates itself at start; Prisma's
 * migrations own `public` only), so they survive restarts of any process and of the database.
 *
 *   registerJobHandler(name, handler, { expireInSeconds? })  // at module load, in every process
 *   await startJobs()                                        // lib/boot: this process works jobs
 *   await enqueueJob(name, data, { singletonKey?, startAfter?, retryLimit?, retryBackoff?, retryDelaySeconds? })
 *   await listJobs({ name?, singletonKey?, state? })         // visible state of each job
 *   await stopJobs()                                         // shutdown and tests
 *
 * Semantics:
 * - At least once: a job whose worker dies stays `active` until its expiry (expireInSeconds),
 *   then pg-boss's maintenance (any process, every JOBS_MAINTENANCE_SECONDS) retries it. A
 *   handler that throws is retried up to retryLimit times, with exponential backoff when
 *   retryBackoff is set. So handlers MUST be idempotent: check the effect before doing it,
 *   and make the effect itself conditional (e.g. `UPDATE … WHERE state = 'pending'`).
 * - singletonKey: at most one queued and one running job per (name, key) across every
 *   process (pg-boss's "stately" queue policy); enqueueJob returns null when an identical job
 *   is already queued. Without a key, every enqueue makes a job.
 * - The embedded dev database (PGlite) works too, for its single dev process.
 */

export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
export type JobContext = { id: string; name: string; retryCount: number };
export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;
export type EnqueueOptions = {
  singletonKey?: string;
  startAfter?: Date;
  retryLimit?: number;
  retryBackoff?: boolean;
  retryDelaySeconds?: number;
};
export type HandlerOptions = {
  /** A running job not finished within this is presumed dead and retried (default 60 s). */
  expireInSeconds?: number;
  /** How often an idle worker looks for due jobs (default 1 s, minimum 0.5 s). */
  pollingIntervalSeconds?: number;
};
export type JobRow = {
  id: string;
  name: string;
  state: JobState;
  singletonKey: string | null;
  data: unknown;
  retryCount: number;
  retryLimit: number;
  startAfter: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  createdOn: Date;
  output: unknown;
};

type Registered = { handler: JobHandler<unknown>; options: HandlerOptions };
type State = {
  handlers: Map<string, Registered>;
  boss: Promise<PgBoss> | null;
  queues: Map<string, Promise<void>>;
  working: Set<string>;
};
const g = globalThis as unknown as { __firebreakJobs?: State };
const state = (): State =>
  (g.__firebreakJobs ??= { handlers: new Map(), boss: null, queues: new Map(), working: new Set() });

const SCHEMA = "pgboss";
/** Keys of keyless jobs are unique, so the stately policy never merges them. */
const KEYLESS = "~";

/** Declares how a job is worked. Call at module load; startJobs() starts the workers. */
export function registerJobHandler<T>(name: string, handler: JobHandler<T>, options: HandlerOptions = {}) {
  state().handlers.set(name, { handler: handler as JobHandler<unknown>, options });
  if (state().working.size > 0) void work(name); // registered after start: work it too
}

async function boss(): Promise<PgBoss> {
  const s = state();
  s.boss ??= (async () => {
    const env = getEnv();
    if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: no job queue");
    const b = new PgBoss({
      connectionString: env.DATABASE_URL,
      schema: SCHEMA,
      max: 4,
      application_name: "firebreak-jobs",
      maintenanceIntervalSeconds: env.JOBS_MAINTENANCE_SECONDS,
      schedule: false,
    });
    // Workers keep polling through a database outage; say so once per message per 30 s.
    const said = new Map<string, number>();
    b.on("error", (e: Error) => {
      if (Date.now() - (said.get(e.message) ?? 0) < 30_000) return;
      said.set(e.message, Date.now());
      console.error(`[jobs] ${e.message} (jobs wait in the database and resume when it answers)`);
    });
    await b.start();
    return b;
  })().catch((e: unknown) => {
    s.boss = null; // the next call tries again (the database may be back)
    throw e;
  });
  return s.boss;
}

/** Creates the queue once per process. Two creators at once can deadlock inside pg-boss's
 * create_queue (it attaches a partition): the loser retries and then finds the queue. */
function ensureQueue(b: PgBoss, name: string): Promise<void> {
  const s = state();
  let p = s.queues.get(name);
  if (!p) {
    p = (async () => {
      const expireInSeconds = s.handlers.get(name)?.options.expireInSeconds ?? 60;
      for (let attempt = 0; ; attempt++) {
        if (await b.getQueue(name)) return;
        try {
          await b.createQueue(name, {
            name,
            policy: "stately",
            expireInSeconds,
            retryLimit: 3,
            retryDelay: 2,
          });
          return;
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (attempt >= 5 || (code !== "40P01" && code !== "23505")) throw e;
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
        }
      }
    })().catch((e: unknown) => {
      s.queues.delete(name);
      throw e;
    });
    s.queues.set(name, p);
  }
  return p;
}

/** Queues a job durably; returns its id, or null if an identical (same key) job is queued. */
export async function enqueueJob<T extends object>(
  name: string,
  data: T,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const b = await boss();
  await ensureQueue(b, name);
  return b.send(name, data, {
    singletonKey: options.singletonKey ?? `${KEYLESS}${randomUUID()}`,
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
    ...(options.retryBackoff !== undefined ? { retryBackoff: options.retryBackoff } : {}),
    ...(options.retryDelaySeconds !== undefined ? { retryDelay: options.retryDelaySeconds } : {}),
    ...(state().handlers.get(name)?.options.expireInSeconds
      ? { expireInSeconds: state().handlers.get(name)?.options.expireInSeconds }
      : {}),
  });
}

async function work(name: string): Promise<void> {
  const s = state();
  const reg = s.handlers.get(name);
  if (!reg || s.working.has(name)) return;
  s.working.add(name);
  const b = await boss();
  await ensureQueue(b, name);
  await b.work<object>(
    name,
    {
      batchSize: 1,
      includeMetadata: true,
      pollingIntervalSeconds: reg.options.pollingIntervalSeconds ?? 1,
    },
    async (jobs) => {
      for (const job of jobs)
        await reg.handler(job.data, { id: job.id, name: job.name, retryCount: job.retryCount });
    },
  );
}

/** Starts working every registered job in this process (idempotent). Called from lib/boot. */
export async function startJobs(): Promise<void> {
  await boss();
  for (const name of state().handlers.keys()) await work(name);
}

/** Stops workers (running handlers finish first, up to 10 s) and closes the queue's pool. */
export async function stopJobs(): Promise<void> {
  const s = state();
  const pending = s.boss;
  s.boss = null;
  s.queues.clear();
  s.working.clear();
  if (!pending) return;
  const b = await pending.catch(() => null);
  await b?.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => {});
}

/** Jobs as they are now (newest first), for status views and tests. */
export async function listJobs(
  filter: { name?: string; singletonKey?: string; state?: JobState; limit?: number } = {},
): Promise<JobRow[]> {
  const b = await boss();
  const { rows } = await b.getDb().executeSql(
    `SELECT id, name, state::text AS state, singleton_key AS "singletonKey", data, retry_count AS "retryCount",
       retry_limit AS "retryLimit", start_after AS "startAfter", started_on AS "startedOn",
       completed_on AS "completedOn", created_on AS "createdOn", output
     FROM ${SCHEMA}.job
     WHERE ($1::text IS NULL OR name = $1) AND ($2::text IS NULL OR singleton_key = $2)
       AND ($3::text IS NULL OR state::text = $3)
     ORDER BY created_on DESC LIMIT $4`,
    [filter.name ?? null, filter.singletonKey ?? null, filter.state ?? null, filter.limit ?? 100],
  );
  return (rows as JobRow[]).map((r) => ({
    ...r,
    singletonKey: r.singletonKey?.startsWith(KEYLESS) ? null : r.singletonKey,
  }));
}
