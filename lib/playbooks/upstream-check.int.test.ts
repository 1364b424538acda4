import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { setupAppDatabase } from "@/lib/testing/app-database";
import { testActor } from "@/lib/testing/actors";
import { createWatchedService } from "@/lib/testing/watched-service";

// The high error rate guide's upstream check (runbook 001 · High Error Rate Alert, step 5:
// `curl -s http://upstream-service/health`) probes the service's configured upstream health URL
// through lib/net, and says plainly when none is configured.
setupAppDatabase();

const riley = testActor("responder", "Riley Responder");
let upstream: Server;
let upstreamUrl: string;
let upstreamStatus = 200;
const seen: string[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(upstreamStatus).end(upstreamStatus === 200 ? "ok" : "down");
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/health`;
});
afterAll(() => upstream?.close());

async function guideOn(service: string) {
  const { declareIncident } = await import("@/lib/incidents/commands");
  const { startPlaybook } = await import("./runs");
  const incident = await declareIncident({ title: "5xx up", severity: "SEV1", service, summary: "" }, riley);
  return (await startPlaybook(incident.id, "high-error-guide", riley)).id;
}

describe("the upstream dependency check", () => {
  it("reads the configured upstream health URL: 200 passes, 503 is a breach with its status", async () => {
    await createWatchedService("with-upstream", { upstreamHealthUrl: upstreamUrl });
    const { runStep } = await import("./execute");
    const runId = await guideOn("with-upstream");

    const ok = await runStep({ runId, stepId: "errors-upstream", seenAttempt: 0 }, riley);
    expect(ok).toMatchObject({ state: "done" });
    expect(ok.outcome).toMatch(/^all within thresholds: upstream \/health 200/);
    expect(seen).toEqual(["GET /health"]);

    upstreamStatus = 503;
    const down = await runStep({ runId, stepId: "errors-upstream", seenAttempt: 1 }, riley);
    expect(down.outcome).toMatch(/^1 breach\(es\): upstream \/health 503/);
    expect(down.result).toMatchObject({ metrics: [{ name: "upstream", phase: "Failed", value: 503 }] });
  });

  it("fails the step with the reason when the service has no upstream health URL", async () => {
    await createWatchedService("no-upstream");
    const { runStep } = await import("./execute");
    const runId = await guideOn("no-upstream");
    const r = await runStep({ runId, stepId: "errors-upstream", seenAttempt: 0 }, riley);
    expect(r.state).toBe("failed");
    expect(r.outcome).toContain("no upstream health URL is configured for no-upstream");
  });
});
