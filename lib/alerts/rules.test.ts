import { parse } from "yaml";
import { describe, expect, it } from "vitest";

import { METRIC_KEYS, METRICS } from "@/lib/runbook/catalog";
import { renderPrometheusRule, renderRulesFile } from "./render";
import { buildRuleSpecs } from "./rules";

const specs = buildRuleSpecs({ job: "api-optimizer" });
const byName = new Map(specs.map((s) => [s.rule.alert, s.rule]));

describe("alert rules generated from the runbook", () => {
  it("writes a warning and a critical rule for every threshold the runbook gives", () => {
    const expected = METRIC_KEYS.flatMap((k) =>
      (["warning", "critical"] as const).filter((w) => METRICS[k][w] !== null),
    ).length;
    expect(specs).toHaveLength(expected);
    expect(byName.get("RunbookP95LatencyMsCritical")?.expr).toBe(
      'api_p95_latency_ms{job="api-optimizer"} > 50',
    );
    expect(byName.get("RunbookP95LatencyMsWarning")?.expr).toBe(
      'api_p95_latency_ms{job="api-optimizer"} > 10',
    );
    expect(byName.get("RunbookCacheHitPctCritical")?.expr).toBe(
      'api_cache_hit_ratio_percent{job="api-optimizer"} < 50',
    );
  });

  it("labels each rule with the SEV the severity engine gives that breach", () => {
    expect(byName.get("RunbookLiveCritical")?.labels.sev).toBe("SEV0");
    expect(byName.get("RunbookP95LatencyMsCritical")?.labels.sev).toBe("SEV1");
    expect(byName.get("RunbookErrorRatePctCritical")?.labels.sev).toBe("SEV1");
    expect(byName.get("RunbookP95LatencyMsWarning")?.labels.sev).toBe("SEV2");
    expect(byName.get("RunbookErrorRatePctWarning")?.labels.sev).toBe("SEV3");
  });

  it("keeps the runbook's wording and the metric in every rule", () => {
    for (const { rule, metric } of specs) {
      expect(rule.labels.firebreak_metric).toBe(metric);
      expect(rule.annotations.runbook).toContain(METRICS[metric].source);
      expect(rule.for).toBe("1m");
    }
  });

  it("renders a rules file and a PrometheusRule manifest with the same group", () => {
    const file = parse(renderRulesFile({ job: "web" }));
    const manifest = parse(renderPrometheusRule({ job: "web", namespace: "monitoring" }));
    expect(manifest.kind).toBe("PrometheusRule");
    expect(manifest.metadata.namespace).toBe("monitoring");
    expect(manifest.spec.groups).toEqual(file.groups);
    expect(file.groups[0].rules[1].expr).toBe('api_p95_latency_ms{job="web"} > 10');
  });

  it("escapes a job name that holds quotes", () => {
    const [first] = buildRuleSpecs({ job: 'we"b' });
    expect(first?.rule.expr).toBe('up{job="we\\"b"} < 1');
  });
});
