import { describe, expect, it } from "vitest";

import { renderKubectl, shellQuote } from "./kubectl-command";

describe("renderKubectl", () => {
  it("renders the emergency rollback with the exact guarded patch Firebreak sends", () => {
    const cmd = renderKubectl({
      kind: "patch-service-json",
      namespace: "default",
      service: "api-optimizer",
      ops: [
        { op: "test", path: "/spec/selector/version", value: "new" },
        { op: "replace", path: "/spec/selector/version", value: "stable" },
      ],
    });
    expect(cmd).toBe(
      `kubectl patch service api-optimizer -n default --type=json -p '[{"op":"test","path":"/spec/selector/version","value":"new"},{"op":"replace","path":"/spec/selector/version","value":"stable"}]'`,
    );
  });

  it("renders rollout undo with the planned target revision", () => {
    expect(renderKubectl({ kind: "rollout-undo", namespace: "prod", deployment: "web", toRevision: 2 })).toBe(
      "kubectl rollout undo deployment/web -n prod --to-revision=2",
    );
  });

  it("renders scale to the runbook's 10 replicas and restart", () => {
    expect(
      renderKubectl({ kind: "scale", namespace: "default", deployment: "api-optimizer", replicas: 10 }),
    ).toBe("kubectl scale deployment/api-optimizer -n default --replicas=10");
    expect(
      renderKubectl({ kind: "rollout-restart", namespace: "default", deployment: "api-optimizer" }),
    ).toBe("kubectl rollout restart deployment/api-optimizer -n default");
  });

  it("renders the containment NetworkPolicy with matchLabels and matchExpressions", () => {
    const cmd = renderKubectl({
      kind: "deny-ingress",
      namespace: "default",
      policy: "deny",
      labels: { "app.kubernetes.io/managed-by": "firebreak" },
      podSelector: {
        matchLabels: { app: "api" },
        matchExpressions: [
          { key: "tier", operator: "In", values: ["web", "edge"] },
          { key: "canary", operator: "DoesNotExist" },
        ],
      },
    });
    expect(cmd.split("\n")[0]).toBe("kubectl apply -n default -f - <<'EOF'");
    expect(cmd).toContain('      "app": "api"\n');
    expect(cmd).toContain('    - key: "tier"\n      operator: In\n      values: ["web", "edge"]\n');
    expect(cmd).toContain('    - key: "canary"\n      operator: DoesNotExist\n');
    expect(cmd).toContain("  ingress: []\nEOF");
  });
});

describe("shellQuote", () => {
  it("leaves safe words alone and escapes single quotes", () => {
    expect(shellQuote("api-optimizer")).toBe("api-optimizer");
    expect(shellQuote("it's")).toBe(`'it'"'"'s'`);
  });
});
