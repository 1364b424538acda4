import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { createWatchedService } from "@/lib/testing/watched-service";

const TOKEN = "test-token-0123456789abcdef";
const SECRET = "hmac-secret-0123456789abcdef";
process.env.ALERT_WEBHOOK_TOKEN = TOKEN;
process.env.ALERT_WEBHOOK_HMAC_SECRET = SECRET;
setupAppDatabase();

let POST: typeof import("./route").POST;
let db: ReturnType<typeof import("@/lib/db/client").getDb>;
let setAlertPolicy: typeof import("@/lib/alerts/policy").setAlertPolicy;

beforeAll(async () => {
  ({ POST } = await import("./route"));
  db = (await import("@/lib/db/client")).getDb();
  ({ setAlertPolicy } = await import("@/lib/alerts/policy"));
});

function alert(over: Record<string, unknown> = {}, labels: Record<string, string> = {}) {
  return {
    status: "firing",
    labels: {
      alertname: "RunbookP95LatencyMsCritical",
      service: "checkout",
      sev: "SEV1",
      severity: "critical",
      firebreak_metric: "p95_latency_ms",
      ...labels,
    },
    annotations: { summary: "P95 latency > 50 ms (critical) on checkout" },
    startsAt: "2026-11-28T05:00:00Z",
    endsAt: "0001-01-01T00:00:00Z",
    generatorURL: "http://prometheus/graph",
    fingerprint: "a1b2c3d4e5f60708",
    ...over,
  };
}

function payload(alerts: unknown[], status = "firing") {
  return { version: "4", receiver: "firebreak", status, alerts, groupLabels: {}, commonLabels: {} };
}

async function post(body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const res = await POST(
    new Request("http://localhost/api/alerts/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: text,
    }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const count = () => db.alert.count();

describe("POST /api/alerts/webhook", () => {
  it("refuses a delivery without the token or with a wrong one, storing nothing", async () => {
    expect((await post(payload([alert()]), {})).status).toBe(401);
    expect((await post(payload([alert()]), { authorization: "Bearer nope" })).status).toBe(401);
    expect(await count()).toBe(0);
  });

  it("accepts an HMAC-signed delivery (Grafana's header) instead of a token", async () => {
    const body = JSON.stringify(payload([alert({ fingerprint: "signed00000001" }, { service: "nowhere" })]));
    const sig = createHmac("sha256", SECRET).update(body).digest("hex");
    const ok = await post(body, { "x-grafana-alerting-signature": sig });
    expect(ok.status).toBe(200);
    expect((await post(body, { "x-grafana-alerting-signature": "0".repeat(64) })).status).toBe(401);
  });

  it("refuses a malformed payload with the JSON path of the problem, storing nothing", async () => {
    const before = await count();
    const bad = await post(payload([alert({ startsAt: "yesterday" })]));
    expect(bad).toEqual({ status: 400, body: { error: expect.stringMatching(/^alerts\.0\.startsAt: /) } });
    expect((await post("{not json")).status).toBe(400);
    expect((await post(payload([]))).body.error).toMatch(/^alerts: /);
    expect(await count()).toBe(before);
  });

  it("stores an alert delivered twice once and puts it on the service's open incident once", async () => {
    await createWatchedService("checkout");
    const { declareIncident } = await import("@/lib/incidents/commands");
    const { AUTO_ACTOR } = await import("@/lib/severity/tracker");
    const { id } = await declareIncident(
      { title: "Slow", severity: "SEV2", service: "checkout" },
      AUTO_ACTOR,
    );
    const first = await post(payload([alert()]));
    const again = await post(payload([alert()]));
    expect(first.body).toMatchObject({ stored: 1, duplicates: 0, attached: [id], declared: [] });
    expect(again.body).toMatchObject({ stored: 0, duplicates: 1 });
    const rows = await db.alert.findMany({ where: { fingerprint: "a1b2c3d4e5f60708" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ deliveries: 2, incidentId: id, level: "SEV1", metric: "p95_latency_ms" });
    const events = await db.timelineEvent.findMany({ where: { incidentId: id, kind: "metric_breach" } });
    expect(events.map((e) => e.body)).toEqual([
      "Alert firing — RunbookP95LatencyMsCritical: P95 latency > 50 ms (critical) on checkout",
    ]);

    // While it fires, the incident offers the investigation guide for its metric.
    const { offersFor } = await import("@/lib/playbooks/offers");
    const { getIncidentOrThrow } = await import("@/lib/incidents/queries");
    const offers = await offersFor(await getIncidentOrThrow(id), []);
    expect(offers.guides).toContainEqual(
      expect.objectContaining({ reason: "Alertmanager: RunbookP95LatencyMsCritical firing" }),
    );

    const resolved = alert({ status: "resolved", endsAt: "2026-11-28T05:04:00Z" });
    await post(payload([resolved], "resolved"));
    await post(payload([resolved], "resolved"));
    const after = await db.timelineEvent.findMany({ where: { incidentId: id, kind: "metric_breach" } });
    expect(after).toHaveLength(2);
    expect(after[1]?.body).toMatch(/^Alert resolved — /);
    expect((await db.alert.findFirstOrThrow({ where: { fingerprint: "a1b2c3d4e5f60708" } })).status).toBe(
      "resolved",
    );
    expect((await offersFor(await getIncidentOrThrow(id), [])).guides).toEqual([]);
  });

  it("declares an incident at the alert's SEV when the service's policy says so and none is open", async () => {
    const svc = await createWatchedService("payments");
    await setAlertPolicy(svc.id, "declare");
    const res = await post(
      payload([alert({ fingerprint: "feedbeef00000001" }, { service: "payments", sev: "SEV0" })]),
    );
    const incident = await db.incident.findFirstOrThrow({ where: { service: "payments" } });
    expect(res.body.declared).toEqual([incident.id]);
    expect(incident).toMatchObject({ severity: "SEV0", declaredBy: "Alertmanager" });
    const events = await db.timelineEvent.findMany({ where: { incidentId: incident.id } });
    expect(events.map((e) => e.kind)).toEqual(["status_change", "metric_breach"]);
  });

  it("only records an alert of a service whose policy is 'record' or that is not watched", async () => {
    const svc = await createWatchedService("search");
    await setAlertPolicy(svc.id, "record");
    await post(payload([alert({ fingerprint: "0000aaaa00000001" }, { service: "search" })]));
    await post(payload([alert({ fingerprint: "0000aaaa00000002" }, { service: "unknown-svc" })]));
    expect(await db.incident.count({ where: { service: { in: ["search", "unknown-svc"] } } })).toBe(0);
    expect(
      await db.alert.count({ where: { incidentId: null, serviceName: { in: ["search", "unknown-svc"] } } }),
    ).toBe(2);
  });
});
