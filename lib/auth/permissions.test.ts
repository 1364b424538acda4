import { describe, expect, it } from "vitest";

import { can } from "./permissions";

describe("can", () => {
  it("refuses everything to a visitor without a display name", () => {
    expect(can(null, "incident:write")).toBe(false);
  });

  it("lets a named responder act on incidents and the cluster", () => {
    const actor = { name: "Dana", roles: ["responder"] };
    expect(can(actor, "incident:write")).toBe(true);
    expect(can(actor, "cluster:act")).toBe(true);
  });

  it("refuses a role it does not know", () => {
    expect(can({ name: "Eve", roles: ["viewer"] }, "cluster:act")).toBe(false);
  });
});
