import { describe, expect, it } from "vitest";

import { serviceInputSchema } from "./schema";

const base = {
  name: "api-optimizer",
  metricsBaseUrl: "http://127.0.0.1:18090/",
  ratioUnit: "percent",
  k8sDeployment: "api-optimizer",
  k8sService: "api-optimizer",
};

const issues = (input: unknown) => {
  const r = serviceInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("serviceInputSchema", () => {
  it("fills the documented defaults and trims the base URL's slash", () => {
    const s = serviceInputSchema.parse(base);
    expect(s).toMatchObject({
      metricsSource: "optimizer",
      metricsBaseUrl: "http://127.0.0.1:18090",
      k8sNamespace: "default",
      selectorLabel: "version",
      stableValue: "stable",
      autoDeclare: false,
      thresholdOverrides: {},
    });
  });

  it("requires the ratio unit to be declared (never guessed)", () => {
    const { ratioUnit: _r, ...noUnit } = base;
    void _r;
    expect(issues(noUnit)).toEqual([
      expect.stringMatching(/^ratioUnit: Declare how this service reports ratios/),
    ]);
    expect(issues({ ...base, ratioUnit: "auto" })).toHaveLength(1);
  });

  it("accepts threshold overrides only for catalog metrics", () => {
    expect(
      issues({ ...base, thresholdOverrides: { p95_latency_ms: { warning: 20, critical: 80 } } }),
    ).toEqual([]);
    expect(issues({ ...base, thresholdOverrides: { p99_latency: { warning: 20 } } })[0]).toMatch(
      /^thresholdOverrides/,
    );
    expect(issues({ ...base, thresholdOverrides: { p95_latency_ms: { warn: 20 } } })[0]).toMatch(
      /^thresholdOverrides\.p95_latency_ms/,
    );
  });

  it("refuses a warning beyond the critical line, in the metric's direction", () => {
    expect(issues({ ...base, thresholdOverrides: { p95_latency_ms: { warning: 60 } } })).toEqual([
      expect.stringMatching(/^thresholdOverrides\.p95_latency_ms\.warning: warning 60 must be ≤ critical 50/),
    ]);
    // cache hit is "below = breach": warning 40 under critical 50 is inverted.
    expect(issues({ ...base, thresholdOverrides: { cache_hit_pct: { warning: 40 } } })[0]).toMatch(
      /must be ≥ critical 50/,
    );
    expect(issues({ ...base, thresholdOverrides: { cache_hit_pct: { warning: 40, critical: 30 } } })).toEqual(
      [],
    );
  });

  it("a Prometheus source needs PromQL for at least one metric", () => {
    expect(issues({ ...base, metricsSource: "prometheus" })).toEqual([
      expect.stringMatching(/^promQueries: /),
    ]);
    expect(issues({ ...base, metricsSource: "prometheus", promQueries: { live: 'up{job="x"}' } })).toEqual(
      [],
    );
    expect(issues({ ...base, metricsSource: "prometheus", promQueries: { nope: "up" } })[0]).toMatch(
      /^promQueries/,
    );
  });

  it("refuses a non-http base URL, a bad name and unknown keys", () => {
    expect(issues({ ...base, metricsBaseUrl: "ftp://x" })[0]).toMatch(/^metricsBaseUrl/);
    expect(issues({ ...base, name: "API Optimizer" })[0]).toMatch(/^name/);
    expect(issues({ ...base, ratio_unit: "percent" })[0]).toMatch(/ratio_unit|Unrecognized/);
  });

  it("takes an optional upstream health URL: absent is none, an http(s) URL is kept, anything else refused", () => {
    expect(serviceInputSchema.parse(base).upstreamHealthUrl).toBeUndefined();
    expect(
      serviceInputSchema.parse({ ...base, upstreamHealthUrl: " http://upstream:8080/health " }),
    ).toMatchObject({
      upstreamHealthUrl: "http://upstream:8080/health",
    });
    expect(issues({ ...base, upstreamHealthUrl: "upstream-service/health" })).toEqual([
      "upstreamHealthUrl: Must be an http(s) URL",
    ]);
  });
});
