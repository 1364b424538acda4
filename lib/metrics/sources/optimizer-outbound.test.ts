import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { checkLive, fetchActiveAlerts, optimizerSource } from "./optimizer";
import { checkUpstreamHealth, readOptimizerEndpoint } from "./optimizer-endpoints";
import { prometheusSource } from "./prometheus";
import { queryPrometheusInstant } from "./prometheus-instant";

// The adapters' fetches go through lib/net. The test stack allows loopback (vitest.config.ts
// OUTBOUND_ALLOW_CIDRS=127.0.0.0/8), as the dev and e2e stacks do for their doubles.
const SECRET = "ASIA-session-token-from-metadata";
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith("/redirect/")) {
      res.writeHead(302, { location: `http://10.0.0.7/${SECRET}` });
      return res.end();
    }
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`instance-id: i-0abc\n${SECRET}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe("optimizer and Prometheus adapters: outbound doors", () => {
  it("never fetch the cloud metadata address", async () => {
    const metadata = "http://169.254.169.254/latest/meta-data";
    await expect(fetchActiveAlerts(metadata, 1000)).rejects.toThrow(
      "/alerts/active: 169.254.169.254 is a link-local or cloud metadata address; Firebreak never fetches those",
    );
    expect(await checkLive(metadata, 1000)).toEqual({
      status: null,
      error: expect.stringMatching(/^\/health\/live: 169\.254\.169\.254 is a link-local/),
    });
    const poll = await prometheusSource(
      { metricsBaseUrl: metadata, ratioUnit: "percent", promQueries: { live: "up" } },
      1000,
    ).poll("fast");
    expect(poll).toEqual({
      values: { live: null },
      errors: [expect.stringMatching(/link-local or cloud metadata/)],
    });
  });

  it("refuse a redirect to a private address without following it", async () => {
    expect(await checkLive(`${base}/redirect`, 1000)).toEqual({
      status: null,
      error: "/health/live: answered 302: redirect refused",
    });
  });

  it("never echo a body that is not JSON onto the overview or the poll errors", async () => {
    const alerts = await fetchActiveAlerts(base, 1000).catch((e: Error) => e.message);
    expect(alerts).toBe("/alerts/active: answered 200 with a body that is not JSON");
    const poll = await optimizerSource({ metricsBaseUrl: base, ratioUnit: "percent" }, 1000).poll("slow");
    expect(poll.errors.join("\n")).toMatch(/answered 200 with a body that is not JSON/);
    expect(poll.errors.join("\n")).not.toContain(SECRET);
    expect(poll.errors.join("\n")).not.toContain("instance-id");
  });

  it("hold for the playbook checks' reads too", async () => {
    await expect(
      readOptimizerEndpoint(
        { metricsBaseUrl: "http://169.254.169.254", ratioUnit: "percent" },
        "/health/live",
        1000,
      ),
    ).rejects.toThrow(/^\/health\/live: 169\.254\.169\.254 is a link-local or cloud metadata address/);
    expect(await checkUpstreamHealth(`${base}/redirect/`, 1000)).toMatchObject({
      status: null,
      error: "answered 302: redirect refused",
    });
    const error = await queryPrometheusInstant(base, "up", 1000).catch((e: Error) => e.message);
    expect(error).toBe("prometheus: answered 200 with a body that is not JSON");
  });
});
