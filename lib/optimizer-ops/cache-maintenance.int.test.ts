import { beforeAll, describe, expect, it } from "vitest";

import { rafael, cora, rid, setupOptimizerOpsHarness } from "@/lib/testing/optimizer-ops-harness";
import { declareTestIncident } from "@/lib/testing/remediation";

// Cache operations and the weekly maintenance run against real PostgreSQL, the Kubernetes API double (a real process reached through
// client-node) and the optimizer double (its HTTP server in this process).
const h = setupOptimizerOpsHarness();

let cache: typeof import("./cache-ops");
let config: typeof import("./config-ops");
let maint: typeof import("./maintenance-run");
let getDb: typeof import("@/lib/db/client").getDb;

beforeAll(async () => {
  getDb = (await import("@/lib/db/client")).getDb;
  cache = await import("./cache-ops");
  config = await import("./config-ops");
  maint = await import("./maintenance-run");
});

describe("cache operations", () => {
  it("a snapshot is kept with size and checksum, and restoring it brings the double's cache back", async () => {
    const before = await h.doubleCache();
    const incidentId = await declareTestIncident("Cache trouble");
    const { op, snapshot } = await cache.runCacheSnapshot(
      { service: "api-optimizer", requestId: rid() },
      rafael,
    );
    expect(op.outcome).toBe("succeeded");
    expect(op.incidentId).toBe(incidentId);
    expect(snapshot).toMatchObject({ entryCount: before.length });
    expect(snapshot!.checksum).toMatch(/^[0-9a-f]{64}$/);

    await fetch(`${h.optimizerUrl}/__double/cache`, {
      method: "PUT",
      body: JSON.stringify({ entries: [{ key: "junk" }] }),
    });
    const preview = await cache.previewCacheRestore(snapshot!.id);
    expect(preview.current?.hitRatio).toBeGreaterThan(0);
    const restored = await cache.runCacheRestore({ snapshotId: snapshot!.id, requestId: rid() }, cora);
    expect(restored.op.outcome).toBe("succeeded");
    expect(await h.doubleCache()).toEqual(before);

    const events = await getDb().timelineEvent.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.body).filter((b) => b.startsWith("Cache"))).toEqual([
      expect.stringMatching(
        /^Cache snapshot #\d+ on api-optimizer by Rafael Responder succeeded in \d+ ms — snapshot #/,
      ),
      expect.stringMatching(/^Cache restore #\d+ on api-optimizer by Cora Commander succeeded/),
    ]);
  });

  it("a snapshot whose stored bytes changed is refused and nothing is sent", async () => {
    const { snapshot } = await cache.runCacheSnapshot({ service: "api-optimizer", requestId: rid() }, rafael);
    await getDb().cacheSnapshot.update({ where: { id: snapshot!.id }, data: { body: '{"entries":[]}' } });
    await expect(cache.runCacheRestore({ snapshotId: snapshot!.id, requestId: rid() }, cora)).rejects.toThrow(
      /fails its checksum/,
    );
  });

  it("the same confirmation twice optimizes once; a failing optimizer is recorded as failed", async () => {
    const requestId = rid();
    const first = await cache.runCacheOptimize({ service: "api-optimizer", requestId }, rafael);
    const again = await cache.runCacheOptimize({ service: "api-optimizer", requestId }, rafael);
    expect(again).toMatchObject({ repeat: true, op: { id: first.op.id } });
    const hits = (await (await fetch(`${h.optimizerUrl}/__double/requests`)).json()) as Record<
      string,
      number
    >;
    expect(hits["POST /cache/optimize"]).toBe(1);

    await h.fail("/cache/optimize");
    const failing = rid();
    await expect(
      cache.runCacheOptimize({ service: "api-optimizer", requestId: failing }, rafael),
    ).rejects.toThrow("The optimizer answered 500 to POST /cache/optimize.");
    const row = await getDb().optimizerOperation.findUniqueOrThrow({ where: { requestId: failing } });
    expect(row).toMatchObject({
      outcome: "failed",
      error: "The optimizer answered 500 to POST /cache/optimize.",
    });
  });
});

describe("weekly maintenance", () => {
  it("runs the checklist with each item's result", async () => {
    await cache.runCacheSnapshot({ service: "api-optimizer", requestId: rid() }, rafael);
    await config.runConfigBackup({ service: "api-optimizer", kind: "ConfigMap", requestId: rid() }, rafael);
    await config.runConfigBackup({ service: "api-optimizer", kind: "Secret", requestId: rid() }, rafael);
    const { op } = await maint.runMaintenance(
      {
        service: "api-optimizer",
        requestId: rid(),
        manual: { log_rotation: "done" },
        notes: { log_rotation: "rotated on all 3 pods" },
      },
      rafael,
    );
    expect(op.outcome).toBe("succeeded");
    expect(op.items.map((i) => [i.name, i.status])).toEqual([
      ["Cache optimization", "ok"],
      ["Log rotation", "done"],
      ["Performance tuning", "ok"],
      ["Backup verification", "ok"],
      ["Security scan", "skipped"],
    ]);
    expect(op.items[2]!.detail).toMatch(/change\(s\) proposed, not applied|no change proposed/);
  });

  it("fails the run when the optimizer does not answer, and says which step", async () => {
    await h.fail("/cache/optimize");
    const { op } = await maint.runMaintenance(
      { service: "api-optimizer", requestId: rid(), manual: {}, notes: {} },
      rafael,
    );
    expect(op.outcome).toBe("failed");
    expect(op.items[0]).toMatchObject({ name: "Cache optimization", status: "failed" });
    expect(op.error).toContain("Cache optimization");
  });

  it("fails the backup verification when the newest backup no longer matches its checksum", async () => {
    await cache.runCacheSnapshot({ service: "api-optimizer", requestId: rid() }, rafael);
    await config.runConfigBackup({ service: "api-optimizer", kind: "ConfigMap", requestId: rid() }, rafael);
    const { backup } = await config.runConfigBackup(
      { service: "api-optimizer", kind: "Secret", requestId: rid() },
      rafael,
    );
    await getDb().configBackup.update({ where: { id: backup!.id }, data: { checksum: "0".repeat(64) } });
    const { op } = await maint.runMaintenance(
      { service: "api-optimizer", requestId: rid(), manual: {}, notes: {} },
      rafael,
    );
    expect(op.outcome).toBe("failed");
    expect(op.items.find((i) => i.name === "Backup verification")).toMatchObject({
      status: "failed",
      detail: expect.stringContaining(`Secret backup #${backup!.id} fails its checksum`),
    });
  });
});
