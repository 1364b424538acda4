import { describe, expect, it } from "vitest";

import { kubeIdentityFor, kubectlAsFlags } from "./impersonation";
import { parseAllowlist, targetRefusal } from "./target-allowlist";

describe("target allowlist", () => {
  it("allows listed namespaces in any allowed context and refuses the rest with the list named", () => {
    const allow = parseAllowlist("default, payments", "*");
    expect(targetRefusal(allow, { context: null, namespace: "payments" })).toBeNull();
    expect(targetRefusal(allow, { context: "prod", namespace: "default" })).toBeNull();
    expect(targetRefusal(allow, { context: null, namespace: "kube-system" })).toBe(
      'Namespace "kube-system" is not in the allowed Kubernetes namespaces (default, payments).',
    );
  });

  it("scopes context/namespace entries to their context and refuses unlisted contexts", () => {
    const allow = parseAllowlist("prod/payments", "prod,staging");
    expect(targetRefusal(allow, { context: "prod", namespace: "payments" })).toBeNull();
    expect(targetRefusal(allow, { context: "staging", namespace: "payments" })).toMatch(/staging\/payments/);
    expect(targetRefusal(allow, { context: "dev", namespace: "payments" })).toMatch(/Context "dev"/);
  });

  it("lets * cover ordinary namespaces but never kube-system unless listed by name", () => {
    expect(targetRefusal(parseAllowlist("*", "*"), { context: null, namespace: "default" })).toBeNull();
    expect(targetRefusal(parseAllowlist("*", "*"), { context: null, namespace: "kube-system" })).toMatch(
      /kube-system/,
    );
    expect(
      targetRefusal(parseAllowlist("*,kube-system", "*"), { context: null, namespace: "kube-system" }),
    ).toBeNull();
  });
});

describe("Kubernetes identity", () => {
  const config = { enabled: true, userFrom: "email" as const, groupPrefix: "firebreak:" };

  it("impersonates the person's email and highest role, or their stable id without an email", () => {
    expect(
      kubeIdentityFor({ id: "idp#1", email: "rita@x.test", roles: ["viewer", "responder"] }, config),
    ).toEqual({
      user: "rita@x.test",
      groups: ["firebreak:responder"],
    });
    expect(kubeIdentityFor({ id: "idp#2", email: null, roles: [] }, config)).toEqual({
      user: "idp#2",
      groups: [],
    });
    expect(
      kubeIdentityFor({ id: "idp#1", email: "r@x", roles: [] }, { ...config, userFrom: "id" })?.user,
    ).toBe("idp#1");
  });

  it("acts as Firebreak's own account when impersonation is off", () => {
    expect(kubeIdentityFor({ id: "idp#1", roles: ["admin"] }, { ...config, enabled: false })).toBeNull();
    expect(kubectlAsFlags(null)).toEqual([]);
    expect(kubectlAsFlags({ user: "u@x", groups: ["firebreak:admin"] })).toEqual([
      "--as=u@x",
      "--as-group=firebreak:admin",
    ]);
  });
});
