import { describe, expect, it } from "vitest";

import {
  APPROVAL_TTL_MS,
  DEFAULT_POLICIES,
  mayDecide,
  needsApproval,
  parsePolicyConfig,
  policyKeyOf,
  stateAt,
  type DecisionRequest,
} from "./policy";

const t0 = new Date("2026-11-28T10:00:00Z");
const responder = { id: "idp#rita", roles: ["responder"] };
const commander = { id: "idp#cole", roles: ["commander"] };
const otherCommander = { id: "idp#cara", roles: ["commander"] };
const viewer = { id: "idp#vic", roles: ["viewer"] };

function request(over: Partial<DecisionRequest> = {}): DecisionRequest {
  return {
    status: "pending",
    expiresAt: new Date(t0.getTime() + APPROVAL_TTL_MS),
    policy: "two-person",
    requesterId: responder.id,
    severity: "SEV1",
    ...over,
  };
}

describe("approval policy", () => {
  it("holds scale to 0 and containment for two people by default, and nothing else", () => {
    expect(policyKeyOf({ kind: "scale", replicas: 0 })).toBe("scale_to_zero");
    expect(policyKeyOf({ kind: "scale", replicas: 3 })).toBe("scale");
    expect(DEFAULT_POLICIES[policyKeyOf({ kind: "containment" })]).toBe("two-person");
    expect(DEFAULT_POLICIES[policyKeyOf({ kind: "rollback" })]).toBe("none");
  });

  it("reads overrides from configuration and refuses unknown keys or policies", () => {
    expect(parsePolicyConfig("containment=commander, restart=two-person")).toMatchObject({
      containment: "commander",
      restart: "two-person",
      scale_to_zero: "two-person",
    });
    expect(() => parsePolicyConfig("delete=none")).toThrow(/unknown action "delete"/);
    expect(() => parsePolicyConfig("rollback=maybe")).toThrow(/rollback=maybe/);
  });

  it("lets a commander act at once under the commander policy but never under two-person", () => {
    expect(needsApproval("none", responder)).toBe(false);
    expect(needsApproval("commander", commander)).toBe(false);
    expect(needsApproval("commander", responder)).toBe(true);
    expect(needsApproval("two-person", commander)).toBe(true);
  });

  it("lets a second commander approve, but not a responder, a viewer or the requester", () => {
    expect(mayDecide(request(), commander, "approve", t0)).toEqual({ ok: true, selfApproved: false });
    expect(mayDecide(request(), viewer, "approve", t0)).toMatchObject({ ok: false });
    expect(mayDecide(request(), { ...responder, id: "idp#rob" }, "approve", t0)).toMatchObject({
      ok: false,
      reason: "Only a commander may approve.",
    });
    const own = request({ requesterId: commander.id });
    expect(mayDecide(own, commander, "approve", t0)).toMatchObject({ ok: false, reason: /second commander/ });
    expect(mayDecide(own, otherCommander, "approve", t0)).toEqual({ ok: true, selfApproved: false });
  });

  it("lets the requester withdraw (deny) their own request, and only commanders deny others'", () => {
    expect(mayDecide(request(), responder, "deny", t0)).toEqual({ ok: true, selfApproved: false });
    expect(mayDecide(request(), { ...responder, id: "idp#rob" }, "deny", t0)).toMatchObject({ ok: false });
    expect(mayDecide(request(), commander, "deny", t0)).toMatchObject({ ok: true });
  });

  it("expires exactly 10 minutes after the request: pending one millisecond before, expired at it", () => {
    const r = request();
    const justBefore = new Date(t0.getTime() + APPROVAL_TTL_MS - 1);
    const atExpiry = new Date(t0.getTime() + APPROVAL_TTL_MS);
    expect(stateAt(r, justBefore)).toBe("pending");
    expect(stateAt(r, atExpiry)).toBe("expired");
    expect(mayDecide(r, commander, "approve", justBefore)).toMatchObject({ ok: true });
    expect(mayDecide(r, commander, "approve", atExpiry)).toMatchObject({ ok: false, reason: /expired/ });
  });

  it("in a SEV-0 lets a commander approve their own request with a written reason, never without", () => {
    const own = request({ requesterId: commander.id, severity: "SEV0" });
    expect(mayDecide(own, commander, "approve", t0)).toMatchObject({ ok: false, reason: /written reason/ });
    expect(mayDecide(own, commander, "approve", t0, "  short  ")).toMatchObject({ ok: false });
    expect(mayDecide(own, commander, "approve", t0, "Second commander unreachable, data leaking")).toEqual({
      ok: true,
      selfApproved: true,
    });
    expect(
      mayDecide({ ...own, severity: "SEV1" }, commander, "approve", t0, "Nobody else around at all"),
    ).toMatchObject({
      ok: false,
    });
  });

  it("refuses a decision on a request that was already decided", () => {
    expect(mayDecide(request({ status: "denied" }), commander, "approve", t0)).toEqual({
      ok: false,
      reason: "The request was already denied.",
    });
  });
});
