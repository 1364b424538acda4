import { describe, expect, it } from "vitest";

import { formToServiceInput } from "./form";
import { serviceInputSchema } from "./schema";

describe("formToServiceInput", () => {
  const form = {
    name: " api-optimizer ",
    metricsSource: "optimizer",
    metricsBaseUrl: "http://127.0.0.1:18090",
    ratioUnit: "percent",
    k8sNamespace: "",
    k8sDeployment: "api-optimizer",
    k8sService: "api-optimizer",
    "thresholdOverrides.p95_latency_ms.warning": "20",
    "thresholdOverrides.p95_latency_ms.critical": "",
    "promQueries.live": "",
    autoDeclare: "on",
  };

  it("nests threshold and PromQL fields, drops empty ones so defaults apply", () => {
    const parsed = serviceInputSchema.parse(formToServiceInput(form));
    expect(parsed).toMatchObject({
      name: "api-optimizer",
      k8sNamespace: "default",
      thresholdOverrides: { p95_latency_ms: { warning: 20 } },
      promQueries: {},
      autoDeclare: true,
    });
  });

  it("an unchecked box is false; a non-numeric threshold is an error on that field's path", () => {
    const r = serviceInputSchema.safeParse(
      formToServiceInput({ ...form, autoDeclare: undefined, "thresholdOverrides.cpu_pct.warning": "high" }),
    );
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["thresholdOverrides.cpu_pct.warning"]);
    expect(formToServiceInput({ ...form, autoDeclare: undefined }).autoDeclare).toBe(false);
  });

  it("passes the upstream health URL through, and an empty field means none", () => {
    const url = "http://127.0.0.1:18091/health";
    expect(serviceInputSchema.parse(formToServiceInput({ ...form, upstreamHealthUrl: url }))).toMatchObject({
      upstreamHealthUrl: url,
    });
    expect(formToServiceInput({ ...form, upstreamHealthUrl: "  " })).not.toHaveProperty("upstreamHealthUrl");
  });
});
