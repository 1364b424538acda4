import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import {
  AMTOOL_BIN,
  requireBinary,
  startAlertmanager,
  startPrometheus,
  type Running,
} from "@/lib/testing/monitoring";
import { freePort, startDouble, waitFor, type Proc } from "@/lib/testing/spawn";
import { createWatchedService } from "@/lib/testing/watched-service";
import { renderRulesFile } from "./render";

// The whole path with real processes: the optimizer double serves /metrics → the real
// Prometheus scrapes it and evaluates the generated rules → the real Alertmanager posts to
// Firebreak's webhook route (served here over HTTP) → incidents and timelines in Postgres.
const TOKEN = "pipeline-token-0123456789";
process.env.ALERT_WEBHOOK_TOKEN = TOKEN;
setupAppDatabase();

let optimizer: Proc & { url: string; port: number };
let prometheus: Running;
let alertmanager: Running;
let receiver: Server;
const deliveries: Array<{ at: number; handledMs: number; status: number }> = [];
let db: ReturnType<typeof import("@/lib/db/client").getDb>;

async function scenario(name: string) {
  const res = await fetch(`${optimizer.url}/__double/scenario`, {
    method: "POST",
    body: JSON.stringify({ name }),
  });
  expect(res.ok).toBe(true);
}

beforeAll(async () => {
  const { POST } = await import("@/app/api/alerts/webhook/route");
  db = (await import("@/lib/db/client")).getDb();
  const { setAlertPolicy } = await import("./policy");
  const svc = await createWatchedService("api-optimizer");
  await setAlertPolicy(svc.id, "declare");

  const port = await freePort();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const at = Date.now();
      const answer = await POST(
        new Request(`http://127.0.0.1:${port}${req.url}`, {
          method: "POST",
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        }),
      );
      deliveries.push({ at, handledMs: Date.now() - at, status: answer.status });
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(await answer.text());
    });
  });
  await new Promise<void>((r) => receiver.listen(port, "127.0.0.1", r));

  optimizer = await startDouble("optimizer", ["--noise", "0"]);
  alertmanager = await startAlertmanager({
    webhookUrl: `http://127.0.0.1:${port}/api/alerts/webhook`,
    bearerToken: TOKEN,
  });
  prometheus = await startPrometheus({
    targets: [{ job: "api-optimizer", hostPort: `127.0.0.1:${optimizer.port}` }],
    rulesYaml: renderRulesFile({ job: "api-optimizer", forDuration: "0s" }),
    alertmanagerHostPort: alertmanager.url.replace("http://", ""),
  });
}, 90_000);

afterAll(async () => {
  await prometheus?.stop();
  await alertmanager?.stop();
  await optimizer?.stop();
  await new Promise((r) => receiver?.close(r));
});

describe("alerts from a real Prometheus and Alertmanager", () => {
  it("declares an incident from a latency spike and records the resolution when it recovers", async () => {
    await scenario("latency_spike");
    const incident = await waitFor(
      async () => (await db.incident.findFirst({ where: { service: "api-optimizer" } })) ?? undefined,
      45_000,
      "an incident declared from the alert",
    );
    const critical = await waitFor(
      async () =>
        (await db.timelineEvent.findFirst({
          where: {
            incidentId: incident.id,
            body: { startsWith: "Alert firing — RunbookP95LatencyMsCritical" },
          },
        })) ?? undefined,
      30_000,
      "the critical alert on the timeline",
    );
    expect(critical.body).toContain("P95 latency > 50 ms (critical) on api-optimizer");
    const worst = Math.max(...deliveries.map((d) => d.handledMs));
    console.log(`[alerts] Alertmanager deliveries: ${deliveries.length}, handled in ≤ ${worst} ms each`);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);

    await scenario("healthy");
    await waitFor(
      async () =>
        (await db.timelineEvent.findFirst({
          where: {
            incidentId: incident.id,
            body: { startsWith: "Alert resolved — RunbookP95LatencyMsCritical" },
          },
        })) ?? undefined,
      45_000,
      "the resolution on the timeline",
    );
    const stored = await db.alert.findMany({ where: { alertname: "RunbookP95LatencyMsCritical" } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: "resolved", incidentId: incident.id, level: "SEV1" });
  }, 120_000);

  it("creates a silence that amtool sees, with the person as its creator", async () => {
    const { createSilence } = await import("./alertmanager");
    const id = await createSilence(alertmanager.url, {
      matchers: [{ name: "alertname", value: "RunbookP95LatencyMsCritical" }],
      createdBy: "Dana Commander",
      comment: "Rolling back; silence while it settles",
      minutes: 30,
    });
    const out = execFileSync(
      requireBinary(AMTOOL_BIN),
      ["silence", "query", `--alertmanager.url=${alertmanager.url}`, "-o", "json"],
      { encoding: "utf8" },
    );
    const silences = JSON.parse(out) as Array<{ id: string; createdBy: string; comment: string }>;
    expect(silences).toContainEqual(
      expect.objectContaining({
        id,
        createdBy: "Dana Commander",
        comment: "Rolling back; silence while it settles",
      }),
    );
  });

  it("takes a TSDB snapshot through the admin API", async () => {
    const { snapshotTsdb } = await import("./alertmanager");
    const name = await snapshotTsdb(prometheus.url);
    expect(existsSync(path.join(prometheus.dir, "data", "snapshots", name))).toBe(true);
  });
});
