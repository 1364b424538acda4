import { describe, expect, it } from "vitest";

import { diffJson, formatDiffLine } from "./diff";

describe("diffJson", () => {
  it("shows the selector change as version: new → stable", () => {
    const lines = diffJson({ app: "api", version: "new" }, { app: "api", version: "stable" });
    expect(lines.map(formatDiffLine)).toEqual(["version: new → stable"]);
  });

  it("reports added and removed keys with (none)", () => {
    const lines = diffJson({ a: 1 }, { b: 2 });
    expect(lines.map(formatDiffLine)).toEqual(["a: 1 → (none)", "b: (none) → 2"]);
  });

  it("walks nested objects and arrays by index", () => {
    const lines = diffJson({ c: [{ image: "x:1" }] }, { c: [{ image: "x:2" }] });
    expect(lines).toEqual([{ path: "c[0].image", before: "x:1", after: "x:2" }]);
  });

  it("finds nothing when the values are equal", () => {
    expect(diffJson({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });
});
