import { beforeAll, describe, expect, it } from "vitest";

import { testActor } from "@/lib/testing/actors";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { createWatchedService } from "@/lib/testing/watched-service";

// The postmortem against a real database: the draft is written from the incident's pinned events
// and its actions' verification times, and every save is a new version.
const cora = testActor("commander", "Cora Commander");
let commands: typeof import("@/lib/incidents/commands");
let store: typeof import("./store");
let draft: typeof import("./draft");
let getDb: typeof import("@/lib/db/client").getDb;

setupAppDatabase();
beforeAll(async () => {
  commands = await import("@/lib/incidents/commands");
  store = await import("./store");
  draft = await import("./draft");
  getDb = (await import("@/lib/db/client")).getDb;
});

async function incidentWithHistory() {
  const { id } = await commands.declareIncident(
    { title: "checkout latency", severity: "SEV1", service: "api-optimizer", summary: "p95 at 80 ms" },
    cora,
  );
  const pinned = await commands.addNote({ incidentId: id, body: "Deploy at 08:55 matches the start" }, cora);
  await commands.addNote({ incidentId: id, body: "unpinned chatter" }, cora);
  await commands.setEventPinned({ incidentId: id, eventId: pinned.id, pinned: true }, cora);
  const startedAt = new Date(Date.now() - 60_000);
  const verifiedAt = new Date(startedAt.getTime() + 41_000);
  const run = await getDb().actionRun.create({
    data: {
      incidentId: id,
      kind: "rollback",
      actor: cora.name,
      service: "api-optimizer",
      namespace: "prod",
      targetKind: "Service",
      targetName: "api-optimizer",
      desired: "version=stable",
      idempotencyKey: `rollback:prod/api-optimizer:${id}`,
      kubectlCommand: "kubectl patch service api-optimizer …",
      outcome: "succeeded",
      startedAt,
      finishedAt: startedAt,
      durationMs: 640,
      verification: "verified",
      verifyDetail: "healthy for 30 s",
      verifiedAt,
    },
  });
  return { id, runId: run.id, verifiedAt };
}

describe("postmortem", () => {
  it("drafts from the pinned events and the rollback with its verification time", async () => {
    const { id, runId, verifiedAt } = await incidentWithHistory();
    const pm = await draft.getPostmortem(id);
    expect(pm.version).toBeNull();
    expect(pm.markdown).toContain("Cora Commander: Note: Deploy at 08:55 matches the start");
    expect(pm.markdown).not.toContain("unpinned chatter");
    expect(pm.markdown).toContain(
      `Emergency rollback #${runId} of prod/api-optimizer by Cora Commander: succeeded in 640 ms; verified at ${verifiedAt.toISOString().slice(11, 19)} UTC (41 s after it started)`,
    );
    expect(pm.markdown).toContain("## Summary\n\np95 at 80 ms");
  });

  it("stores every save as a new version and shows the latest unless one is asked for", async () => {
    const { id } = await incidentWithHistory();
    const first = (await draft.getPostmortem(id)).markdown;
    expect(await store.savePostmortemVersion(id, first, cora)).toEqual({ version: 1 });
    const edited = first.replace(
      "## Contributing factors\n\n_To be written._",
      () => "## Contributing factors\n\nCache flag flipped.",
    );
    const [a, b] = await Promise.all([
      store.savePostmortemVersion(id, edited, cora),
      store.savePostmortemVersion(id, `${edited}\nAddendum.`, testActor("responder", "Rafael Responder")),
    ]);
    expect([a.version, b.version].sort()).toEqual([2, 3]);

    const versions = await store.listPostmortemVersions(id);
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect((await draft.getPostmortem(id)).version).toBe(3);
    expect((await draft.getPostmortem(id, { version: 1 })).markdown).toBe(first);
    await expect(draft.getPostmortem(id, { version: 9 })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // A regenerated draft keeps what people wrote in the latest version.
    const fresh = await draft.getPostmortem(id, { regenerate: true });
    expect(fresh.version).toBeNull();
    expect(fresh.markdown).toContain("## Contributing factors\n\nCache flag flipped.");
  });

  it("charts a watched service's stored samples over the incident window as an SVG image", async () => {
    const service = await createWatchedService("charted-svc");
    const { recordSamples } = await import("@/lib/metrics/store");
    const { renderIncidentChart } = await import("./charts");
    const now = Date.now();
    for (let i = 10; i >= 1; i--)
      await recordSamples({
        serviceId: service.id,
        at: new Date(now - i * 30_000),
        values: { p95_latency_ms: 60 + i },
      });
    const { id } = await commands.declareIncident(
      { title: "slow", severity: "SEV1", service: "charted-svc", summary: "" },
      cora,
    );
    const svg = await renderIncidentChart(id, "p95_latency_ms");
    expect(svg).toContain("<polyline");
    expect(svg).toContain("critical 50.0 ms");
    const pm = await draft.getPostmortem(id);
    expect(pm.markdown).toContain(
      `![P95 latency (ms)](/api/incidents/${id}/postmortem/chart?metric=p95_latency_ms)`,
    );
  });

  it("refuses to save a postmortem of an incident that does not exist", async () => {
    await expect(store.savePostmortemVersion(999_999, "# x", cora)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
