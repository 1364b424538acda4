import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { importAnalysisTemplate, ImportError } from "./argo-import";

const SAMPLE = readFileSync(path.join(import.meta.dirname, "fixtures/analysis-template.yaml"), "utf8");
const source = { runbook: "001", section: "Imported analysis", lines: "1" } as const;

describe("importing an Argo Rollouts AnalysisTemplate", () => {
  it("turns its prometheus and web metrics into one check step with Argo's fields kept", () => {
    const { step } = importAnalysisTemplate(SAMPLE, {
      args: { "service-name": "api-optimizer" },
      baseUrl: "http://api-optimizer:8080",
      source,
    });
    expect(step.id).toBe("success-rate");
    expect(step.kind).toBe("check");
    const [prom, web] = step.metrics;
    expect(prom).toMatchObject({
      name: "success-rate",
      interval: "5m",
      count: 3,
      failureLimit: 3,
      successCondition: "result >= 0.95",
      provider: { prometheus: { address: "http://prometheus.example.com:9090" } },
    });
    expect((prom!.provider as { prometheus: { query: string } }).prometheus.query).toContain(
      'destination_service=~"api-optimizer"',
    );
    expect(web).toEqual({
      name: "webmetric",
      label: "webmetric",
      successCondition: "result == true",
      provider: {
        web: {
          url: "{{service.metricsBaseUrl}}/api/v1/measurement?service=api-optimizer",
          jsonPath: "{$.results.ok}",
          timeoutSeconds: 20,
        },
      },
    });
  });

  it("refuses an argument without a value, naming the field", () => {
    expect(() => importAnalysisTemplate(SAMPLE, { source })).toThrow(
      new ImportError(
        "spec.metrics.0.provider.prometheus.query",
        'argument "service-name" has no value; pass it to the import',
      ),
    );
  });

  it("refuses a provider other than web and prometheus", () => {
    const datadog = SAMPLE.replace(
      /provider:\n\s+prometheus:[\s\S]*?(?=\n    - name: webmetric)/,
      "provider:\n        datadog: { query: x }",
    );
    expect(() => importAnalysisTemplate(datadog, { args: { "service-name": "a" }, source })).toThrow(
      "spec.metrics.0.provider: provider datadog is not supported (web, prometheus)",
    );
  });

  it("refuses a document that is not an AnalysisTemplate", () => {
    expect(() => importAnalysisTemplate("kind: Deployment\napiVersion: apps/v1", { source })).toThrow(
      ImportError,
    );
  });
});
