import { describe, expect, it } from "vitest";

import { MAX_REPORT_BYTES_LIMIT } from "./limits";
import { ingestPathSchema, uploadReportSchema } from "./schemas";

describe("uploadReportSchema", () => {
  it("asks for a file when none was chosen", () => {
    const r = uploadReportSchema.safeParse({ report: "", size: 0, text: "" });
    expect(r.success || r.error.issues[0]?.message).toMatch(/Choose an ApiHunter report file/);
  });

  it("refuses a file over the 20 MB limit and accepts one at it", () => {
    expect(
      uploadReportSchema.safeParse({ report: "r.json", size: MAX_REPORT_BYTES_LIMIT + 1, text: "" }).success,
    ).toBe(false);
    expect(
      uploadReportSchema.safeParse({ report: "r.json", size: MAX_REPORT_BYTES_LIMIT, text: "{}" }).success,
    ).toBe(true);
  });
});

describe("ingestPathSchema", () => {
  it("wants an absolute path, trimmed", () => {
    expect(ingestPathSchema.safeParse({ path: "reports/run.json" }).success).toBe(false);
    expect(ingestPathSchema.parse({ path: "  /srv/run.json " })).toEqual({ path: "/srv/run.json" });
  });
});
