import { describe, expect, it } from "vitest";

import { readPlaybookDir } from "./catalog";

describe("the repository's playbooks", () => {
  it("all load, one per SEV, with the three guides, security and scanner procedures", () => {
    const { playbooks, refused } = readPlaybookDir();
    expect(refused).toEqual([]);
    expect(playbooks.map((p) => p.id).sort()).toEqual([
      "high-error-guide",
      "high-latency-guide",
      "incident-response",
      "low-cache-guide",
      "scanner-rollback",
      "security-incident",
      "sev-0",
      "sev-1",
      "sev-2",
      "sev-3",
    ]);
  });
});
