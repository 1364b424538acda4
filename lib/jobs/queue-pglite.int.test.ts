import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freePort, waitFor } from "@/lib/testing/spawn";
import { startEmbeddedPostgres } from "@/scripts/embedded-db.mjs";

import { enqueueJob, listJobs, registerJobHandler, startJobs, stopJobs } from "./queue";

// The embedded dev database (PGlite behind its socket server, as `npm run dev` starts it).
let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ dataDir: "memory://", port: await freePort() });
  process.env.DATABASE_URL = embedded.url;
}, 60_000);
afterAll(async () => {
  await stopJobs();
  await embedded?.stop();
});

describe("job queue on the embedded dev database", () => {
  it("creates its schema, works a job and retries a failure", async () => {
    const attempts: number[] = [];
    registerJobHandler<{ n: number }>("dev.check", async (data, job) => {
      attempts.push(job.retryCount);
      if (job.retryCount === 0) throw new Error(`first try of ${data.n} fails`);
    });
    await startJobs();
    await enqueueJob("dev.check", { n: 1 }, { retryLimit: 2, retryDelaySeconds: 1 });
    const done = await waitFor(
      async () => (await listJobs({ name: "dev.check", state: "completed" }))[0],
      30_000,
      "the job to complete",
    );
    expect(done.retryCount).toBe(1);
    expect(attempts).toEqual([0, 1]);
  }, 60_000);
});
