import { parse as parseYaml } from "yaml";
import type { z } from "zod";

import { playbookFileSchema, type Playbook, type PlaybookFile, type Step } from "./schema";

/** A file that was refused whole: which file, which field, why. */
export type Refusal = { file: string; field: string; message: string };

export type LoadResult = { playbooks: Playbook[]; refused: Refusal[] };

function zodRefusals(file: string, error: z.ZodError): Refusal[] {
  return error.issues.map((i) => ({ file, field: i.path.join(".") || "(file)", message: i.message }));
}

/**
 * Validates playbook files and expands their `include`s. A file with any problem — YAML
 * syntax, a schema field, a duplicate id, an include or a transition that points nowhere — is
 * refused whole (none of its steps are used) and reported with its path and field.
 */
export function loadPlaybooks(files: ReadonlyArray<{ file: string; text: string }>): LoadResult {
  const refused: Refusal[] = [];
  const parsed: Array<{ file: string; text: string; data: PlaybookFile }> = [];
  for (const { file, text } of files) {
    let raw: unknown;
    try {
      raw = parseYaml(text);
    } catch (e) {
      refused.push({ file, field: "(file)", message: `Not valid YAML: ${(e as Error).message}` });
      continue;
    }
    const r = playbookFileSchema.safeParse(raw);
    if (!r.success) refused.push(...zodRefusals(file, r.error));
    else parsed.push({ file, text, data: r.data });
  }

  const byId = new Map<string, (typeof parsed)[number]>();
  for (const p of parsed) {
    const other = byId.get(p.data.id);
    if (other) {
      refused.push({
        file: p.file,
        field: "id",
        message: `Duplicate playbook id "${p.data.id}" (also ${other.file})`,
      });
      continue;
    }
    byId.set(p.data.id, p);
  }

  const playbooks: Playbook[] = [];
  for (const p of byId.values()) {
    const problems: Refusal[] = [];
    const steps = expand(p.data, byId, (field, message) => problems.push({ file: p.file, field, message }));
    const ids = new Set<string>();
    steps.forEach((s, i) => {
      if (ids.has(s.id))
        problems.push({ file: p.file, field: `steps.${i}.id`, message: `Duplicate step id "${s.id}"` });
      ids.add(s.id);
    });
    steps.forEach((s, i) => {
      if (s.kind !== "decision") return;
      s.next.forEach((b, j) => {
        if (b.do && !ids.has(b.do))
          problems.push({
            file: p.file,
            field: `steps.${i}.next.${j}.do`,
            message: `No step "${b.do}" in this playbook`,
          });
      });
    });
    if (problems.length) refused.push(...problems);
    else playbooks.push({ ...p.data, steps, file: p.file, yaml: p.text });
  }

  const severities = new Map<string, string>();
  for (const pb of playbooks) {
    if (pb.kind !== "severity" || !pb.severity) continue;
    const other = severities.get(pb.severity);
    if (other)
      refused.push({
        file: pb.file,
        field: "severity",
        message: `${pb.severity} already has playbook "${other}"`,
      });
    else severities.set(pb.severity, pb.id);
  }
  const refusedFiles = new Set(refused.map((r) => r.file));
  return { playbooks: playbooks.filter((pb) => !refusedFiles.has(pb.file)), refused };
}

function expand(
  pb: PlaybookFile,
  byId: Map<string, { data: PlaybookFile }>,
  problem: (field: string, message: string) => void,
  seen: readonly string[] = [],
): Step[] {
  const out: Step[] = [];
  pb.steps.forEach((entry, i) => {
    if (!("include" in entry)) return void out.push(entry);
    const target = byId.get(entry.include);
    if (!target) return problem(`steps.${i}.include`, `No playbook "${entry.include}"`);
    if (seen.includes(entry.include) || entry.include === pb.id)
      return problem(`steps.${i}.include`, `Include cycle through "${entry.include}"`);
    const steps = expand(target.data, byId, () => undefined, [...seen, pb.id]);
    if (!entry.steps) return void out.push(...steps);
    for (const id of entry.steps) {
      const s = steps.find((x) => x.id === id);
      if (!s) problem(`steps.${i}.steps`, `Playbook "${entry.include}" has no step "${id}"`);
      else out.push(s);
    }
  });
  return out;
}
