import { describe, expect, it } from "vitest";

import { judgeBackups, MAINTENANCE_ITEMS, manualItem, runFailed } from "./maintenance";

const NOW = new Date("2026-11-29T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 24 * 3600_000);

describe("weekly maintenance checklist (runbook 001 · Weekly Maintenance)", () => {
  it("has the script's five steps in order", () => {
    expect(MAINTENANCE_ITEMS.map((i) => i.name)).toEqual([
      "Cache optimization",
      "Log rotation",
      "Performance tuning",
      "Backup verification",
      "Security scan",
    ]);
  });

  it("verifies backups present, intact and under 7 days old", () => {
    const ok = judgeBackups(
      [
        { what: "cache snapshot", id: 1, createdAt: daysAgo(1), checksumOk: true },
        { what: "ConfigMap backup", id: 2, createdAt: daysAgo(6.9), checksumOk: true },
      ],
      NOW,
    );
    expect(ok.status).toBe("ok");
    const bad = judgeBackups(
      [
        { what: "cache snapshot", id: null, createdAt: null, checksumOk: null },
        { what: "ConfigMap backup", id: 2, createdAt: daysAgo(7.1), checksumOk: true },
        { what: "Secret backup", id: 3, createdAt: daysAgo(1), checksumOk: false },
      ],
      NOW,
    );
    expect(bad.status).toBe("failed");
    expect(bad.detail).toBe(
      "no cache snapshot; ConfigMap backup #2 is older than 7 days; Secret backup #3 fails its checksum",
    );
  });

  it("records a manual step as the person reported it, with the runbook's command", () => {
    expect(manualItem("log_rotation", "api-optimizer", "done", "rotated by hand")).toEqual({
      name: "Log rotation",
      status: "done",
      detail:
        "done outside Firebreak: kubectl exec -it deployment/api-optimizer -- logrotate /etc/logrotate.conf — rotated by hand",
    });
    expect(manualItem("security_scan", "api-optimizer", undefined, undefined).status).toBe("skipped");
  });

  it("fails a run only when a step Firebreak performed failed", () => {
    expect(runFailed([{ name: "Security scan", status: "skipped", detail: "" }])).toBeUndefined();
    expect(runFailed([{ name: "Cache optimization", status: "failed", detail: "" }])).toBe(
      "failed: Cache optimization",
    );
  });
});
