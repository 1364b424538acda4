import { describe, expect, it } from "vitest";

import { buildRollbackNoteFields } from "./rollback-note-fields";
import type { ActionRunDto } from "./store";

const run: ActionRunDto = {
  id: 7,
  incidentId: 3,
  kind: "rollback",
  actor: "alice",
  service: "api-optimizer",
  target: "service default/api-optimizer",
  targetName: "api-optimizer",
  desired: "version=stable",
  params: {},
  diff: [{ path: "version", before: "new", after: "stable" }],
  kubectlCommand: "kubectl -n default patch service api-optimizer --type=json -p='[]'",
  outcome: "succeeded",
  error: null,
  startedAt: "2026-11-23T04:00:00.000Z",
  finishedAt: "2026-11-23T04:00:00.050Z",
  durationMs: 50,
  verification: "verified",
  verifyDetail: "verified in 2.4 s: 3/3 endpoints on ready stable pods",
};

describe("buildRollbackNoteFields", () => {
  it("fills the seed 000 template from the action and the metrics at trigger", () => {
    const fields = buildRollbackNoteFields(
      run,
      { p95_latency_ms: 61, error_rate_pct: null },
      new Date("2026-11-23T03:59:30Z"),
    );
    expect(fields.runTimestamp).toBe("2026-11-23T04:00:00.000Z");
    expect(fields.command).toBe(run.kubectlCommand);
    expect(fields.metricsAtTrigger).toBe("p95_latency_ms=61 at 2026-11-23T03:59:30.000Z");
    expect(fields.rollbackAction).toBe(
      "Emergency rollback #7 by alice: version: new → stable — succeeded in 50 ms; verified in 2.4 s: 3/3 endpoints on ready stable pods",
    );
  });

  it("says so when there are no metrics and reports a failure with its error", () => {
    const fields = buildRollbackNoteFields(
      { ...run, outcome: "failed", error: "boom (500)", diff: [] },
      {},
      null,
    );
    expect(fields.metricsAtTrigger).toBe("No metric values recorded.");
    expect(fields.rollbackAction).toContain("version=stable — failed: boom (500)");
  });
});
