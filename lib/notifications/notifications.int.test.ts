import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { testActor } from "@/lib/testing/actors";
import { setupAppDatabase } from "@/lib/testing/app-database";
import { startDouble, waitFor } from "@/lib/testing/spawn";

// Notifications end to end against real Postgres, the real job queue and the webhook receiver
// double (a separate process that verifies Standard Webhooks signatures with the reference library).
process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
process.env.NOTIFY_RETRY_LIMIT = "2";
process.env.NOTIFY_RETRY_DELAY_SECONDS = "1";
process.env.NOTIFY_TIMEOUT_MS = "3000";
process.env.FIREBREAK_URL = "https://firebreak.example.test";

const SECRET = `whsec_${Buffer.from("firebreak-notification-test-secret").toString("base64")}`;
const cora = testActor("commander", "Cora Commander");
const ada = testActor("admin", "Ada Admin");

type Received = {
  path: string;
  json: Record<string, unknown>;
  headers: Record<string, string>;
  signature: string;
};
let receiver: Awaited<ReturnType<typeof startDouble>>;
let commands: typeof import("@/lib/incidents/commands");
let channels: typeof import("./channels");
let queries: typeof import("./queries");
let jobs: typeof import("@/lib/jobs/queue");
let getDb: typeof import("@/lib/db/client").getDb;

async function signedAttempts(): Promise<Record<"sent" | "retrying" | "failed", number>> {
  const { telemetry } = await import("@/lib/telemetry/registry");
  const { values } = await telemetry().notificationAttempts.get();
  const of = (outcome: string) =>
    values.find((v) => v.labels.channel === "signed" && v.labels.outcome === outcome)?.value ?? 0;
  return { sent: of("sent"), retrying: of("retrying"), failed: of("failed") };
}

setupAppDatabase();
beforeAll(async () => {
  receiver = await startDouble("webhook-receiver");
  commands = await import("@/lib/incidents/commands");
  channels = await import("./channels");
  queries = await import("./queries");
  jobs = await import("@/lib/jobs/queue");
  getDb = (await import("@/lib/db/client")).getDb;
  await import("./hooks");
  await import("./deliver-job");
  await jobs.startJobs();
}, 60_000);
afterAll(async () => {
  await jobs?.stopJobs();
  await receiver?.stop();
});
beforeEach(async () => {
  await getDb().notificationChannel.deleteMany({});
  await fetch(`${receiver.url}/__double/received`, { method: "DELETE" });
});

async function script(path: string, body: { answers?: number[]; secret?: string; otherwise?: number }) {
  await fetch(`${receiver.url}/__double/paths${path}`, { method: "POST", body: JSON.stringify(body) });
}
async function received(): Promise<Received[]> {
  return ((await (await fetch(`${receiver.url}/__double/received`)).json()) as { requests: Received[] })
    .requests;
}
async function channel(name: string, kind: "slack" | "teams" | "signed", audience: string, url: string) {
  return channels.createChannel(
    {
      name,
      kind,
      audience: audience as "technical",
      secretUrl: url,
      signingSecret: kind === "signed" ? SECRET : undefined,
    },
    ada,
  );
}
function declare(severity: "SEV0" | "SEV1" | "SEV2", title = "checkout latency") {
  return commands.declareIncident({ title, severity, service: "api-optimizer", summary: "" }, cora);
}
async function settled(incidentId: number, count: number) {
  return waitFor(
    async () => {
      const list = await queries.listIncidentDeliveries(incidentId);
      return list.length === count && list.every((d) => d.status === "sent" || d.status === "failed") && list;
    },
    30_000,
    `${count} settled deliveries of incident ${incidentId}`,
  );
}

describe("notifications", () => {
  it("delivers a SEV-0 declaration to the Slack-compatible and the signed webhook, signature verified", async () => {
    await script("/slack", {});
    await script("/signed", { secret: SECRET });
    await channel("#incidents", "slack", "stakeholders", `${receiver.url}/slack`);
    await channel("eng-pager", "signed", "technical", `${receiver.url}/signed`);
    await channel("security-hook", "signed", "security", `${receiver.url}/security`);

    const incident = await declare("SEV0");
    const deliveries = await settled(incident.id, 2);
    expect(deliveries.map((d) => [d.channel, d.status, queries.deliveryStateText(d)]).sort()).toEqual([
      ["#incidents", "sent", "sent"],
      ["eng-pager", "sent", "sent"],
    ]);

    const got = await received();
    const slack = got.find((r) => r.path === "/slack")!;
    expect(slack.json.text).toBe(
      `SEV-0 declared on api-optimizer: #${incident.id} checkout latency. Commander: Cora Commander. https://firebreak.example.test/incidents/${incident.id}`,
    );
    expect(JSON.stringify(slack.json.blocks)).toContain("Cora Commander");
    const signed = got.find((r) => r.path === "/signed")!;
    expect(signed.signature).toBe("valid");
    expect(signed.headers["webhook-id"]).toMatch(/^msg_/);
    expect(signed.json).toMatchObject({
      type: "incident.declared",
      data: { incident: { id: incident.id, severity: "SEV0", commander: "Cora Commander" } },
    });
    expect(got.some((r) => r.path === "/security")).toBe(false);

    const timeline = await getDb().timelineEvent.findMany({
      where: { incidentId: incident.id, kind: "action" },
    });
    expect(timeline.map((e) => e.body).sort()).toEqual([
      "Notified #incidents (declared)",
      "Notified eng-pager (declared)",
    ]);
  });

  it("retries a receiver answering 500 twice, then 200, and shows the delivery sent with each attempt", async () => {
    await script("/flaky", { answers: [500, 500], otherwise: 200, secret: SECRET });
    await channel("flaky-hook", "signed", "technical", `${receiver.url}/flaky`);
    const before = await signedAttempts();

    const incident = await declare("SEV1");
    const [d] = await settled(incident.id, 1);
    expect(d).toMatchObject({ status: "sent" });
    expect(d!.attempts.map((a) => [a.attempt, a.outcome, a.statusCode])).toEqual([
      [1, "failed", 500],
      [2, "failed", 500],
      [3, "sent", 200],
    ]);
    expect(queries.deliveryStateText(d!)).toBe("sent (attempt 3)");
    const got = (await received()).filter((r) => r.path === "/flaky");
    // The same message id on every attempt (receivers de-duplicate on it), each one signed.
    expect(new Set(got.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(got.map((r) => r.signature)).toEqual(["valid", "valid", "valid"]);
    // Firebreak's own /metrics counts each attempt by channel kind and outcome.
    const after = await signedAttempts();
    expect({ retrying: after.retrying - before.retrying, sent: after.sent - before.sent }).toEqual({
      retrying: 2,
      sent: 1,
    });
  });

  it("ends a dead receiver's delivery as failed with its status code, and the incident goes on", async () => {
    await script("/dead", { otherwise: 503 });
    await channel("dead-hook", "slack", "technical", `${receiver.url}/dead`);
    await channel("closed-port", "teams", "technical", "http://127.0.0.1:9/hook");

    const incident = await declare("SEV1", "error rate up");
    // The incident write is not held up by delivery: it is changed again at once.
    await commands.changeStatus({ incidentId: incident.id, to: "investigating", reason: "" }, cora);
    const row = await getDb().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(row.status).toBe("investigating");

    const deliveries = await settled(incident.id, 4);
    const byChannel = Object.fromEntries(deliveries.map((d) => [`${d.channel}:${d.event}`, d]));
    expect(byChannel["dead-hook:declared"]).toMatchObject({ status: "failed" });
    expect(byChannel["dead-hook:declared"]!.attempts.map((a) => a.statusCode)).toEqual([503, 503, 503]);
    expect(queries.deliveryStateText(byChannel["dead-hook:declared"]!)).toBe("failed: 503");
    expect(byChannel["closed-port:declared"]).toMatchObject({ status: "failed" });
    expect(byChannel["closed-port:declared"]!.attempts.at(-1)!.statusCode).toBeNull();
    const failed = await getDb().timelineEvent.findMany({
      where: { incidentId: incident.id, kind: "action", body: { contains: "FAILED" } },
    });
    expect(failed.map((e) => e.body)).toContain(
      "Notification to dead-hook (declared) FAILED after 3 attempts: answered 503",
    );
  }, 60_000);

  it("sends status changes to the incident's channels only, and containment to the security webhook with the runbook's payload", async () => {
    await script("/security", { secret: SECRET });
    await channel("#incidents", "slack", "stakeholders", `${receiver.url}/slack`);
    await channel("eng-pager", "slack", "technical", `${receiver.url}/eng`);
    await channel("security-hook", "signed", "security", `${receiver.url}/security`);

    const incident = await declare("SEV1");
    await settled(incident.id, 1); // SEV-1: technical stakeholders only
    await commands.changeStatus({ incidentId: incident.id, to: "resolved", reason: "rolled back" }, cora);
    const { runChangedHooks } = await import("@/lib/incidents/change-hooks");
    await runChangedHooks({
      type: "containment",
      incidentId: incident.id,
      actor: cora.name,
      detail: "scaled to 0",
    });
    await settled(incident.id, 3);

    const got = await received();
    expect(got.map((r) => r.path).sort()).toEqual(["/eng", "/eng", "/security"]);
    const resolved = got.filter((r) => r.path === "/eng")[1]!;
    expect(resolved.json.text).toMatch(/resolved by Cora Commander \(rolled back\)/);
    const security = got.find((r) => r.path === "/security")!;
    expect(security.json).toEqual({
      severity: "high",
      type: "security_incident",
      component: "api-optimizer",
    });
    expect(security.signature).toBe("valid");
  });

  it("never shows a channel's URL back, and a test send reaches the channel", async () => {
    const { id } = await channel(
      "#incidents",
      "slack",
      "stakeholders",
      `${receiver.url}/slack/T000/B000/XXXX`,
    );
    const { sendTestNotification } = await import("./dispatch");
    await sendTestNotification(id, ada);
    await waitFor(async () => (await received()).length === 1, 15_000, "the test message");
    const [view] = await channels.listChannels();
    expect(view!.maskedUrl).toBe(`http://127.0.0.1:${receiver.port}/…`);
    expect(JSON.stringify(view)).not.toContain("XXXX");
    await waitFor(async () => (await channels.listChannels())[0]!.last?.status === "sent", 15_000, "sent");
  });
});
