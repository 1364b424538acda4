import { describe, expect, it, vi } from "vitest";

import { metricsResponse } from "./endpoint";
import { timedRoute } from "./record";

vi.mock("./job-counts", () => ({ countJobsByState: async () => [] }));

const TOKEN = "endpoint-test-token-0123";
const get = (authorization?: string) =>
  new Request("http://firebreak.test/metrics", { headers: authorization ? { authorization } : {} });

describe("metricsResponse", () => {
  it("is 404 'metrics disabled' when no token is configured, whatever the caller sends", async () => {
    const res = await metricsResponse(get(`Bearer ${TOKEN}`), undefined);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("metrics disabled\n");
  });

  it("is 401 without metrics for a missing or wrong token", async () => {
    for (const auth of [undefined, "Bearer not-the-token-0123456", TOKEN]) {
      const res = await metricsResponse(get(auth), TOKEN);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(await res.text()).not.toContain("firebreak_");
    }
  });

  it("serves the registry, including route durations recorded by timedRoute", async () => {
    const route = timedRoute("test route", async () => new Response(null, { status: 418 }));
    await route(new Request("http://firebreak.test/api/x", { method: "POST" }));
    const res = await metricsResponse(get(`Bearer ${TOKEN}`), TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(await res.text()).toContain(
      'firebreak_http_request_duration_seconds_count{route="test route",method="POST",status="418"} 1',
    );
  });
});
