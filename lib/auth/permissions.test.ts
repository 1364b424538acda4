import { describe, expect, it } from "vitest";

import { testActor } from "@/lib/testing/actors";
import { can, deniedReason, ROLE_PERMISSIONS, roleFor, type Permission } from "./permissions";

describe("can", () => {
  it("refuses everything to a visitor without a session", () => {
    expect(can(null, "incident:read")).toBe(false);
    expect(deniedReason(null, "incident:read")).toBe("Sign in first");
  });

  it("lets a viewer read and nothing else", () => {
    const vera = testActor("viewer");
    expect(can(vera, "incident:read")).toBe(true);
    expect(can(vera, "incident:write")).toBe(false);
    expect(can(vera, "cluster:act")).toBe(false);
  });

  it("lets a responder write notes and run non-destructive actions, not destructive ones", () => {
    const rafael = testActor("responder");
    expect(can(rafael, "incident:write")).toBe(true);
    expect(can(rafael, "cluster:act")).toBe(true);
    expect(can(rafael, "cluster:act:destructive")).toBe(false);
    expect(can(rafael, "incident:command")).toBe(false);
    expect(deniedReason(rafael, "cluster:act:destructive")).toBe("Needs the commander role");
  });

  it("keeps services, users and settings for admins", () => {
    expect(can(testActor("commander"), "service:write")).toBe(false);
    expect(can(testActor("commander"), "approval:decide")).toBe(true);
    expect(can(testActor("admin"), "admin")).toBe(true);
    expect(roleFor("admin")).toBe("admin");
  });

  it("makes every role include the one below it", () => {
    const order = ["viewer", "responder", "commander", "admin"] as const;
    for (let i = 1; i < order.length; i++) {
      const lower = ROLE_PERMISSIONS[order[i - 1]!];
      const upper = ROLE_PERMISSIONS[order[i]!];
      expect(lower.every((p: Permission) => upper.includes(p))).toBe(true);
    }
  });

  it("refuses a role it does not know", () => {
    expect(can({ roles: ["root" as never] }, "incident:read")).toBe(false);
  });
});
