import { describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";

import { accessAdvice } from "./access-advice";

describe("access advice", () => {
  it("reports allowed only when every review allows", async () => {
    const ok = { allowed: true, reason: "allowed to patch services in default" };
    expect((await accessAdvice([Promise.resolve(ok)])).state).toBe("allowed");
    const no = { allowed: false, reason: "not allowed to create networkpolicies in default" };
    expect(await accessAdvice([Promise.resolve(ok), Promise.resolve(no)])).toEqual({
      state: "denied",
      allowed: false,
      reasons: [ok.reason, no.reason],
    });
  });

  it("says it could not check when the review fails (404, 403, timeout), never 'denied'", async () => {
    const failed = Promise.reject(new AppError("NOT_FOUND", "selfsubjectaccessreviews not served (404)"));
    const advice = await accessAdvice([Promise.resolve({ allowed: true, reason: "x" }), failed]);
    expect(advice.state).toBe("unknown");
    expect(advice.reasons[0]).toMatch(/^Could not check; the API server will decide\. \(.*404/);
  });
});
