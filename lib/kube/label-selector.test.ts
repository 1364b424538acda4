import { describe, expect, it } from "vitest";

import {
  describeSelector,
  isEmptySelector,
  matchesSelector,
  normalizeSelector,
  selectorToQuery,
} from "./label-selector";

const edge = {
  matchLabels: { app: "edge" },
  matchExpressions: [
    { key: "tier", operator: "In" as const, values: ["api", "web"] },
    { key: "track", operator: "NotIn" as const, values: ["canary"] },
    { key: "team", operator: "Exists" as const },
    { key: "legacy", operator: "DoesNotExist" as const },
  ],
};

describe("label selectors in full", () => {
  it("renders matchLabels and every matchExpressions operator as the API's query string", () => {
    expect(selectorToQuery(edge)).toBe("app=edge,tier in (api,web),track notin (canary),team,!legacy");
    expect(describeSelector(edge)).toBe("app=edge, tier in (api,web), track notin (canary), team, !legacy");
  });

  it("matches pods with API semantics", () => {
    expect(matchesSelector({ app: "edge", tier: "api", team: "x" }, edge)).toBe(true);
    expect(matchesSelector({ app: "edge", tier: "db", team: "x" }, edge)).toBe(false);
    expect(matchesSelector({ app: "edge", tier: "api", team: "x", track: "canary" }, edge)).toBe(false);
    expect(matchesSelector({ app: "edge", tier: "api", team: "x", legacy: "1" }, edge)).toBe(false);
    expect(matchesSelector({ app: "edge", tier: "api" }, edge)).toBe(false);
  });

  it("treats a selector with no requirement as empty (it would select every pod)", () => {
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector(normalizeSelector({ matchLabels: {}, matchExpressions: [] }))).toBe(true);
    expect(isEmptySelector({ matchExpressions: [{ key: "app", operator: "Exists" }] })).toBe(false);
    expect(describeSelector({})).toBe("(empty: every pod)");
  });

  it("keeps only what the API defines and refuses unknown operators", () => {
    expect(
      normalizeSelector({
        matchLabels: null,
        matchExpressions: [{ key: "a", operator: "Exists", values: null }],
      }),
    ).toEqual({ matchExpressions: [{ key: "a", operator: "Exists" }] });
    expect(() => normalizeSelector({ matchExpressions: [{ key: "a", operator: "Gt" }] })).toThrow(/Unknown/);
  });
});
