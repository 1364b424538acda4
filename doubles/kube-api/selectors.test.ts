import { describe, expect, it } from "vitest";

import {
  matchesFieldSelector,
  matchesLabelSelector,
  matchesMapSelector,
  matchesSelectorSpec,
  parseFieldSelector,
  parseLabelSelector,
  selectorToString,
} from "./selectors";
import { ApiError } from "./status";

const newPod = { app: "api-optimizer", version: "new", "pod-template-hash": "abc" };
const stablePod = { app: "api-optimizer", version: "stable" };

describe("label selector strings", () => {
  it("matches equality, inequality and == like the API server", () => {
    expect(matchesLabelSelector(newPod, "app=api-optimizer")).toBe(true);
    expect(matchesLabelSelector(newPod, "app==api-optimizer,version=new")).toBe(true);
    expect(matchesLabelSelector(stablePod, "app=api-optimizer,version=new")).toBe(false);
    expect(matchesLabelSelector(stablePod, "version!=new")).toBe(true);
    expect(matchesLabelSelector({}, "version!=new")).toBe(true);
  });

  it("matches set-based requirements and existence", () => {
    expect(matchesLabelSelector(newPod, "version in (new, canary)")).toBe(true);
    expect(matchesLabelSelector(stablePod, "version in (new,canary)")).toBe(false);
    expect(matchesLabelSelector(stablePod, "version notin (new),app")).toBe(true);
    expect(matchesLabelSelector(stablePod, "!pod-template-hash")).toBe(true);
    expect(matchesLabelSelector(newPod, "!pod-template-hash")).toBe(false);
    expect(matchesLabelSelector(newPod, "pod-template-hash")).toBe(true);
  });

  it("an empty selector matches everything", () => {
    expect(parseLabelSelector("")).toEqual([]);
    expect(matchesLabelSelector(undefined, "")).toBe(true);
  });

  it("rejects malformed selectors with a 400", () => {
    expect(() => parseLabelSelector("app=a=b")).toThrow(ApiError);
    expect(() => parseLabelSelector("a b c")).toThrow(expect.objectContaining({ code: 400 }));
  });
});

describe("LabelSelector objects and Service selectors", () => {
  it("combines matchLabels and matchExpressions", () => {
    const spec = {
      matchLabels: { app: "api-optimizer" },
      matchExpressions: [
        { key: "version", operator: "In", values: ["new"] },
        { key: "legacy", operator: "DoesNotExist" },
      ],
    };
    expect(matchesSelectorSpec(newPod, spec)).toBe(true);
    expect(matchesSelectorSpec(stablePod, spec)).toBe(false);
    expect(selectorToString(spec)).toBe("app=api-optimizer,version in (new),!legacy");
  });

  it("a Service with an empty selector selects no pods", () => {
    expect(matchesMapSelector(newPod, {})).toBe(false);
    expect(matchesMapSelector(newPod, undefined)).toBe(false);
    expect(matchesMapSelector(newPod, { app: "api-optimizer", version: "new" })).toBe(true);
    expect(matchesMapSelector(stablePod, { app: "api-optimizer", version: "new" })).toBe(false);
  });
});

describe("field selectors", () => {
  const obj = { metadata: { name: "api-optimizer", namespace: "default" }, status: { phase: "Running" } };

  it("matches metadata.name (what kubectl rollout status uses) and status.phase", () => {
    expect(matchesFieldSelector(obj, parseFieldSelector("metadata.name=api-optimizer"))).toBe(true);
    expect(matchesFieldSelector(obj, parseFieldSelector("metadata.name=other"))).toBe(false);
    expect(
      matchesFieldSelector(obj, parseFieldSelector("metadata.namespace==default,status.phase!=Pending")),
    ).toBe(true);
  });

  it("rejects unknown fields with a 400", () => {
    expect(() => parseFieldSelector("spec.replicas=3")).toThrow(/not a known field selector/);
  });
});
