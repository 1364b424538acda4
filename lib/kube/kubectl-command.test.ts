import { describe, expect, it } from "vitest";

import { renderKubectl, shellQuote } from "./kubectl-command";

describe("renderKubectl", () => {
  it("renders the runbook's emergency rollback patch exactly", () => {
    const cmd = renderKubectl({
      kind: "patch-service-json",
      namespace: "default",
      service: "api-optimizer",
      ops: [{ op: "replace", path: "/spec/selector/version", value: "stable" }],
    });
    expect(cmd).toBe(
      `kubectl -n default patch service api-optimizer --type=json -p='[{"op":"replace","path":"/spec/selector/version","value":"stable"}]'`,
    );
  });

  it("renders rollout undo with and without a target revision", () => {
    expect(renderKubectl({ kind: "rollout-undo", namespace: "prod", deployment: "web" })).toBe(
      "kubectl -n prod rollout undo deployment/web",
    );
    expect(renderKubectl({ kind: "rollout-undo", namespace: "prod", deployment: "web", toRevision: 2 })).toBe(
      "kubectl -n prod rollout undo deployment/web --to-revision=2",
    );
  });

  it("renders scale to the runbook's 10 replicas and restart", () => {
    expect(
      renderKubectl({ kind: "scale", namespace: "default", deployment: "api-optimizer", replicas: 10 }),
    ).toBe("kubectl -n default scale deployment/api-optimizer --replicas=10");
    expect(
      renderKubectl({ kind: "rollout-restart", namespace: "default", deployment: "api-optimizer" }),
    ).toBe("kubectl -n default rollout restart deployment/api-optimizer");
  });

  it("renders the containment NetworkPolicy as an apply heredoc", () => {
    const cmd = renderKubectl({
      kind: "deny-ingress",
      namespace: "default",
      policy: "deny",
      podSelector: { app: "api" },
    });
    expect(cmd).toContain("kind: NetworkPolicy");
    expect(cmd).toContain('      app: "api"');
    expect(cmd).toContain("  ingress: []");
  });
});

describe("shellQuote", () => {
  it("leaves safe words alone and escapes single quotes", () => {
    expect(shellQuote("api-optimizer")).toBe("api-optimizer");
    expect(shellQuote("it's")).toBe(`'it'"'"'s'`);
  });
});
