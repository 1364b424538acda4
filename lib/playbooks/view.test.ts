import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { loadPlaybooks } from "./load";
import { toRunView } from "./view";

describe("an action step's view", () => {
  it("carries the playbook's replica count, so the scale dialog opens with it", () => {
    const file = "playbooks/high-latency-guide.yaml";
    const [playbook] = loadPlaybooks([{ file, text: readFileSync(file, "utf8") }]).playbooks;
    const at = new Date("2026-11-28T09:00:00Z");
    const view = toRunView(
      {
        id: 1,
        incidentId: 1,
        playbookId: playbook!.id,
        status: "active",
        playbook: playbook!,
        startedBy: "Riley Responder",
        startedAt: at,
        declaredAt: at,
        steps: [],
      },
      at,
    );
    expect(view.steps.find((s) => s.id === "latency-scale-up")).toMatchObject({
      kind: "action",
      action: "scale",
      replicas: 10,
      source: { runbook: "001", lines: "37-38" },
    });
    expect(view.steps.find((s) => s.id === "emergency-rollback")).toMatchObject({ replicas: null });
  });
});
