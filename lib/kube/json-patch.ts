import type { JsonPatchOp } from "./cluster";

/** Minimal RFC 6902 apply (add/replace/remove/test on objects and arrays), used by the
 * in-memory fake. Throws `JsonPatchTestFailed` when a `test` op does not match. */
export class JsonPatchTestFailed extends Error {}

export function applyJsonPatch<T>(doc: T, ops: JsonPatchOp[]): T {
  let out = structuredClone(doc) as unknown;
  for (const op of ops) {
    const segments = op.path
      .split("/")
      .slice(1)
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (segments.length === 0) {
      if (op.op === "test") {
        if (JSON.stringify(out) !== JSON.stringify(op.value)) throw new JsonPatchTestFailed(op.path);
      } else if (op.op !== "remove") out = structuredClone(op.value);
      continue;
    }
    const last = segments.pop() as string;
    let parent = out as Record<string, unknown>;
    for (const s of segments) {
      const next = parent[s];
      if (next === null || typeof next !== "object") throw new JsonPatchTestFailed(`missing ${op.path}`);
      parent = next as Record<string, unknown>;
    }
    if (op.op === "test") {
      if (JSON.stringify(parent[last]) !== JSON.stringify(op.value)) throw new JsonPatchTestFailed(op.path);
    } else if (op.op === "remove") {
      if (!(last in parent)) throw new JsonPatchTestFailed(`missing ${op.path}`);
      delete parent[last];
    } else {
      if (op.op === "replace" && !(last in parent)) throw new JsonPatchTestFailed(`missing ${op.path}`);
      parent[last] = structuredClone(op.value);
    }
  }
  return out as T;
}
