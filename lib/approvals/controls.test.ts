import { describe, expect, it } from "vitest";

import { approvalControls } from "./controls";

const request = { state: "pending" as const, requesterId: "idp#rory", policy: "two-person" as const };
const commander = { id: "idp#cora", commander: true };
const responder = { id: "idp#rafael", commander: false };

describe("approvalControls", () => {
  it("lets a commander other than the requester approve or deny", () => {
    expect(approvalControls(request, commander, "SEV1")).toEqual({
      approve: "approve",
      deny: "deny",
      note: null,
    });
  });

  it("gives a responder no decision and says the commander role is needed", () => {
    expect(approvalControls(request, responder, "SEV1")).toEqual({
      approve: null,
      deny: null,
      note: "Needs the commander role: only a commander other than the requester may approve.",
    });
  });

  it("lets the requester withdraw but not approve their own request", () => {
    const rory = { id: "idp#rory", commander: true };
    expect(approvalControls(request, rory, "SEV1")).toEqual({
      approve: null,
      deny: "withdraw",
      note: "Waiting for a commander other than you to approve.",
    });
  });

  it("lets a commander approve their own two-person request only on a SEV-0", () => {
    const rory = { id: "idp#rory", commander: true };
    expect(approvalControls(request, rory, "SEV0").approve).toBe("self-approve");
    expect(approvalControls({ ...request, policy: "commander" }, rory, "SEV0").approve).toBeNull();
  });

  it("offers nothing once the request is decided, or to a visitor without a session", () => {
    expect(approvalControls({ ...request, state: "approved" }, commander, "SEV1")).toEqual({
      approve: null,
      deny: null,
      note: null,
    });
    expect(approvalControls(request, null, "SEV1").deny).toBeNull();
  });
});
