import { describe, expect, it } from "vitest";

import { ingestPathSchema } from "./schemas";

describe("ingestPathSchema", () => {
  it("wants an absolute path, trimmed", () => {
    expect(ingestPathSchema.safeParse({ path: "reports/run.json" }).success).toBe(false);
    expect(ingestPathSchema.parse({ path: "  /srv/run.json " })).toEqual({ path: "/srv/run.json" });
  });
});
