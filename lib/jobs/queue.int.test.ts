import { afterAll, describe, expect, it } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";

import { enqueueJob, listJobs, registerJobHandler, startJobs, stopJobs } from "./queue";

setupAppDatabase();
afterAll(async () => {
  await stopJobs();
});

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("job queue", () => {
  it("works a queued job once and shows it completed", async () => {
    const seen: string[] = [];
    registerJobHandler<{ word: string }>("test.echo", async (data) => {
      seen.push(data.word);
    });
    await startJobs();
    const id = await enqueueJob("test.echo", { word: "hello" });
    expect(id).toEqual(expect.any(String));
    const jobs = await until(
      () => listJobs({ name: "test.echo" }),
      (j) => j[0]?.state === "completed",
    );
    expect(jobs.map((j) => j.state)).toEqual(["completed"]);
    expect(jobs[0]?.singletonKey).toBeNull();
    expect(seen).toEqual(["hello"]);
  });

  it("retries a failing handler with backoff until it succeeds", async () => {
    const attempts: number[] = [];
    registerJobHandler<object>("test.flaky", async (_data, job) => {
      attempts.push(job.retryCount);
      if (attempts.length < 3) throw new Error(`attempt ${attempts.length} failed`);
    });
    await enqueueJob("test.flaky", {}, { retryLimit: 5, retryBackoff: true, retryDelaySeconds: 1 });
    const [job] = await until(
      () => listJobs({ name: "test.flaky" }),
      (j) => j[0]?.state === "completed",
      30_000,
    );
    expect(job?.state).toBe("completed");
    expect(attempts).toEqual([0, 1, 2]);
  }, 40_000);

  it("keeps one queued job per singleton key", async () => {
    registerJobHandler<object>("test.keyed", async () => {});
    const later = new Date(Date.now() + 60_000);
    const first = await enqueueJob("test.keyed", { n: 1 }, { singletonKey: "svc:1", startAfter: later });
    const second = await enqueueJob("test.keyed", { n: 2 }, { singletonKey: "svc:1", startAfter: later });
    const other = await enqueueJob("test.keyed", { n: 3 }, { singletonKey: "svc:2", startAfter: later });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(other).toEqual(expect.any(String));
    const queued = await listJobs({ name: "test.keyed", state: "created" });
    expect(queued.map((j) => j.singletonKey).sort()).toEqual(["svc:1", "svc:2"]);
  });
});
