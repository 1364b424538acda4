import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { setupAppDatabase } from "@/lib/testing/app-database";
import {
  declareTestIncident,
  registerDemoService,
  startLiveEndpoint,
  TEST_ACTOR,
} from "@/lib/testing/remediation";

const TOKEN = "scrape-token-for-the-test-0123";

setupAppDatabase();
let kube: RunningKubeDouble;
let live: Awaited<ReturnType<typeof startLiveEndpoint>>;

beforeAll(async () => {
  [kube, live] = await Promise.all([startKubeDouble({ readyDelayMs: 100 }), startLiveEndpoint()]);
  Object.assign(process.env, {
    KUBECONFIG: kube.kubeconfigPath,
    KUBE_TIMEOUT_MS: "3000",
    METRICS_TOKEN: TOKEN,
  });
  await registerDemoService(live.url);
});

afterAll(async () => {
  const { stopJobs } = await import("@/lib/jobs/queue");
  await stopJobs();
  await Promise.all([kube?.stop(), live?.stop()]);
});

async function scrape(authorization?: string): Promise<Response> {
  const { GET } = await import("./route");
  const headers = authorization ? { authorization } : undefined;
  return GET(new Request("http://firebreak.test/metrics", { headers }));
}

describe("GET /metrics", () => {
  it("shows the action counter move after a rollback against the Kubernetes double", async () => {
    const { runAction } = await import("@/lib/remediation/run-action");
    const incidentId = await declareTestIncident();
    const result = await runAction({ incidentId, kind: "rollback" }, TEST_ACTOR, { verify: false });
    expect(result.status).toBe("done");

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain('firebreak_actions_total{kind="rollback",outcome="succeeded"} 1');
    expect(text).toContain('firebreak_action_duration_seconds_count{kind="rollback"} 1');
  });

  it("counts a collector poll per service, group and outcome, with the lag of the last one", async () => {
    const { listServices } = await import("@/lib/services/queries");
    const { pollServiceOnce } = await import("@/lib/metrics/collector");
    const [service] = await listServices();
    // The stand-in endpoint serves no metrics: every value is a gap, so the poll counts as an error.
    const { errors } = await pollServiceOnce(service!, "fast", new Date(Date.now() - 1_000), 2_000);
    expect(errors.length).toBeGreaterThan(0);
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(text).toContain(
      'firebreak_collector_polls_total{service="api-optimizer",group="fast",outcome="error"} 1',
    );
    const lag = /firebreak_collector_lag_seconds\{service="api-optimizer"\} ([\d.e+-]+)/.exec(text)?.[1];
    // The slot started 1 s before the poll: the lag is at least that, plus the poll's own time.
    expect(Number(lag)).toBeGreaterThanOrEqual(1);
    expect(Number(lag)).toBeLessThan(10);
  });

  it("counts queued jobs by state at scrape time", async () => {
    const { enqueueJob } = await import("@/lib/jobs/queue");
    await enqueueJob("telemetry-test", { n: 1 }, { startAfter: new Date(Date.now() + 3_600_000) });
    await enqueueJob("telemetry-test", { n: 2 }, { startAfter: new Date(Date.now() + 3_600_000) });
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(text).toContain('firebreak_jobs{state="created"} 2');
  });

  it("answers 401 without metrics to a scrape without the token or with a wrong one", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-0123456789", `Basic ${TOKEN}`]) {
      const res = await scrape(authorization);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("firebreak_");
    }
  });
});
