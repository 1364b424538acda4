import { describe, expect, it } from "vitest";

import { loadPlaybooks } from "./load";

const STEP = `
  - id: s1
    title: First
    kind: manual
    source: { runbook: "001", section: "Severity Levels", lines: "47-54" }`;
const file = (body: string, name = "playbooks/x.yaml") => ({ file: name, text: body });
const valid = (over = "", steps = STEP) => `id: x
title: X
kind: procedure
summary: s
source: { runbook: "001", section: "Severity Levels", lines: "47-54" }
${over}
steps:${steps}`;
const refusals = (...files: Array<{ file: string; text: string }>) =>
  loadPlaybooks(files).refused.map((r) => `${r.file} ${r.field}: ${r.message}`);

describe("playbook files: what is refused, with the path and the field", () => {
  it("accepts a valid file", () => {
    const r = loadPlaybooks([file(valid())]);
    expect(r.refused).toEqual([]);
    expect(r.playbooks.map((p) => p.id)).toEqual(["x"]);
  });
  it("YAML syntax", () => {
    expect(refusals(file("id: [x"))[0]).toMatch(/^playbooks\/x.yaml \(file\): Not valid YAML/);
  });
  it("a missing field", () => {
    expect(refusals(file(valid().replace("summary: s\n", "")))).toEqual([
      "playbooks/x.yaml summary: Invalid input: expected string, received undefined",
    ]);
  });
  it("an unknown field", () => {
    expect(refusals(file(valid("owner: me")))[0]).toMatch(
      /^playbooks\/x.yaml \(file\): Unrecognized key: "owner"/,
    );
  });
  it("an unknown step kind", () => {
    expect(refusals(file(valid("", STEP.replace("kind: manual", "kind: pray"))))[0]).toMatch(
      /^playbooks\/x.yaml steps.0/,
    );
  });
  it("a bad duration", () => {
    expect(refusals(file(valid("responseTarget: soon")))).toEqual([
      'playbooks/x.yaml responseTarget: A duration such as "30s", "2m" or "1h"',
    ]);
  });
  it("a source without a runbook line", () => {
    expect(refusals(file(valid("", STEP.replace('lines: "47-54"', 'lines: "somewhere"'))))[0]).toMatch(
      /steps.0.source.lines/,
    );
  });
  it("a condition that does not parse", () => {
    const check = `
  - id: c
    title: C
    kind: check
    source: { runbook: "001", section: "S", lines: "1" }
    metrics:
      - name: m
        failureCondition: "result >> 5"
        provider: { web: { url: "{{service.metricsBaseUrl}}/health" } }`;
    expect(refusals(file(valid("", check)))[0]).toMatch(
      /steps.0.metrics.0.failureCondition: Not a valid condition/,
    );
  });
  it("a web URL templated with anything but the service's metrics base or upstream health URL", () => {
    const check = (url: string) => `
  - id: c1
    title: Check
    kind: check
    source: { runbook: "001", section: "High Error Rate Alert", lines: "444-446" }
    metrics:
      - name: m
        provider: { web: { url: "${url}" } }`;
    expect(refusals(file(valid("", check("{{service.upstreamHealthURL}}"))))).toEqual([
      expect.stringMatching(/^playbooks\/x.yaml steps.0.*Only \{\{service.metricsBaseUrl\}\}/),
    ]);
    expect(refusals(file(valid("", check("{{service.upstreamHealthUrl}}"))))).toEqual([]);
    expect(refusals(file(valid("", check("{{service.metricsBaseUrl}}/health"))))).toEqual([]);
  });
  it("count > 1 without an interval", () => {
    const check = `
  - id: c
    title: C
    kind: check
    source: { runbook: "001", section: "S", lines: "1" }
    metrics:
      - name: m
        count: 3
        provider: { web: { url: "{{service.metricsBaseUrl}}/health" } }`;
    expect(refusals(file(valid("", check)))).toEqual([
      "playbooks/x.yaml steps.0.metrics.0.interval: count > 1 needs an interval",
    ]);
  });
  it("a severity playbook without its SEV, a guide without its metric", () => {
    expect(refusals(file(valid().replace("kind: procedure", "kind: severity")))).toEqual([
      "playbooks/x.yaml severity: A severity playbook names its SEV",
    ]);
    expect(refusals(file(valid().replace("kind: procedure", "kind: guide")))).toEqual([
      "playbooks/x.yaml metric: A guide names the metric it investigates",
    ]);
  });
  it("a duplicate step id", () => {
    expect(refusals(file(valid("", STEP + STEP)))).toEqual([
      'playbooks/x.yaml steps.1.id: Duplicate step id "s1"',
    ]);
  });
  it("a transition to a step that does not exist", () => {
    const decision = `
  - id: d
    title: D
    kind: decision
    source: { runbook: "001", section: "S", lines: "1" }
    metric: { name: m, provider: { web: { url: "{{service.metricsBaseUrl}}/health/live" } } }
    next:
      - { when: "result != 200", do: nowhere, say: Roll back }`;
    expect(refusals(file(valid("", decision)))).toEqual([
      'playbooks/x.yaml steps.0.next.0.do: No step "nowhere" in this playbook',
    ]);
  });
  it("an include of a missing playbook or step", () => {
    expect(refusals(file(valid("", "\n  - include: ghost")))).toEqual([
      'playbooks/x.yaml steps.0.include: No playbook "ghost"',
    ]);
    const other = file(valid().replace("id: x", "id: y"), "playbooks/y.yaml");
    expect(refusals(other, file(valid("", "\n  - include: y\n    steps: [nope]")))).toEqual([
      'playbooks/x.yaml steps.0.steps: Playbook "y" has no step "nope"',
    ]);
  });
  it("a duplicate playbook id, and a second playbook for the same SEV", () => {
    expect(refusals(file(valid()), file(valid(), "playbooks/z.yaml"))).toEqual([
      'playbooks/z.yaml id: Duplicate playbook id "x" (also playbooks/x.yaml)',
    ]);
    const sev = (id: string) =>
      file(
        valid("severity: SEV1").replace("kind: procedure", "kind: severity").replace("id: x", `id: ${id}`),
        `playbooks/${id}.yaml`,
      );
    expect(refusals(sev("a"), sev("b"))).toEqual([
      'playbooks/b.yaml severity: SEV1 already has playbook "a"',
    ]);
  });
  it("a refused file is refused whole: none of its playbook is used", () => {
    const r = loadPlaybooks([file(valid("", STEP + STEP))]);
    expect(r.playbooks).toEqual([]);
  });
});
