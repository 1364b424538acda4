import { describe, expect, it } from "vitest";

import { formDataToObject } from "./form-data";

describe("formDataToObject", () => {
  it("keeps every text field by name", () => {
    const fd = new FormData();
    fd.set("title", "p95 over 50 ms");
    fd.set("severity", "SEV1");
    expect(formDataToObject(fd)).toEqual({ title: "p95 over 50 ms", severity: "SEV1" });
  });

  it("drops React's $ACTION fields", () => {
    const fd = new FormData();
    fd.set("$ACTION_ID_abc", "");
    fd.set("$ACTION_REF_1", "x");
    fd.set("body", "note");
    expect(formDataToObject(fd)).toEqual({ body: "note" });
  });

  it("turns a file field into its file name", () => {
    const fd = new FormData();
    fd.set("report", new File(["{}"], "run.json"));
    expect(formDataToObject(fd)).toEqual({ report: "run.json" });
  });
});
