import { describe, expect, it } from "vitest";

import { activeScanSchema, authorizationSchema, environmentSchema } from "./schemas";

describe("scanner operations input", () => {
  it("an empty percent means the stage's default subset; a number is kept", () => {
    expect(
      activeScanSchema.parse({ environment: "staging", stage: "canary1", percent: "" }).percent,
    ).toBeUndefined();
    expect(activeScanSchema.parse({ environment: "staging", stage: "canary1", percent: "7.5" }).percent).toBe(
      7.5,
    );
  });

  it("refuses an environment name that is not a slug and an authorization without a link", () => {
    expect(environmentSchema.safeParse("Prod Env").success).toBe(false);
    const a = authorizationSchema.safeParse({
      environment: "prod",
      authorizedBy: "Owner",
      documentUrl: "file:///x",
      expiresAt: "2027-01-01",
    });
    expect(a.success).toBe(false);
  });
});
