import { describe, expect, it } from "vitest";

import { awaitsConfirmation } from "./confirmation";

describe("awaitsConfirmation", () => {
  it("asks for re-probes when a critical level is computed but not yet in effect", () => {
    expect(awaitsConfirmation({ level: null, candidate: "SEV0" })).toBe(true);
    expect(awaitsConfirmation({ level: "SEV2", candidate: "SEV1" })).toBe(true);
    expect(awaitsConfirmation({ level: "SEV1", candidate: "SEV0" })).toBe(true);
  });

  it("does not re-probe once the level is in effect, for a better reading, or below SEV-1", () => {
    expect(awaitsConfirmation({ level: "SEV0", candidate: "SEV0" })).toBe(false);
    expect(awaitsConfirmation({ level: "SEV0", candidate: "SEV1" })).toBe(false);
    expect(awaitsConfirmation({ level: null, candidate: "SEV2" })).toBe(false);
    expect(awaitsConfirmation({ level: null, candidate: null })).toBe(false);
  });
});
