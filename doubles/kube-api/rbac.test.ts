import { describe, expect, it } from "vitest";

import { DEMO_RBAC, impersonatedSubject, rbacAllows } from "./rbac";

const attrs = (verb: string, resource: string, namespace?: string, subresource?: string) => ({
  verb,
  group: "",
  resource,
  namespace,
  subresource,
});

describe("impersonation RBAC", () => {
  it("reads Impersonate-User and every Impersonate-Group value; none means the token's user", () => {
    expect(impersonatedSubject({})).toBeNull();
    expect(
      impersonatedSubject({ "impersonate-user": "r@x", "impersonate-group": "firebreak:responder, other" }),
    ).toEqual({ user: "r@x", groups: ["firebreak:responder", "other", "system:authenticated"] });
  });

  it("gives the demo viewer nothing, the responder reads and patches in default only, the commander all", () => {
    const viewer = { user: "viewer@firebreak.test", groups: [] };
    const responder = { user: "someone@x", groups: ["firebreak:responder"] };
    const commander = { user: "commander@firebreak.test", groups: [] };
    expect(rbacAllows(DEMO_RBAC, viewer, attrs("get", "pods", "default"))).toBe(false);
    expect(rbacAllows(DEMO_RBAC, responder, attrs("patch", "services", "default"))).toBe(true);
    expect(rbacAllows(DEMO_RBAC, responder, attrs("patch", "deployments", "default", "scale"))).toBe(true);
    expect(rbacAllows(DEMO_RBAC, responder, attrs("get", "pods", "default", "log"))).toBe(true);
    expect(rbacAllows(DEMO_RBAC, responder, attrs("patch", "services", "payments"))).toBe(false);
    expect(rbacAllows(DEMO_RBAC, responder, attrs("delete", "deployments", "default"))).toBe(false);
    expect(rbacAllows(DEMO_RBAC, responder, attrs("list", "namespaces"))).toBe(false);
    expect(rbacAllows(DEMO_RBAC, commander, attrs("delete", "pods", "kube-system"))).toBe(true);
    expect(rbacAllows(DEMO_RBAC, commander, attrs("list", "namespaces"))).toBe(true);
  });
});
