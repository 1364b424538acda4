import { describe, expect, it } from "vitest";

import { FakeCluster } from "./fake-cluster";
import { kubeFailureToError, statusMessage } from "./errors";

describe("kubeFailureToError", () => {
  const what = "patch service default/api";
  it.each([
    [403, "FORBIDDEN", /not allowed to patch service default\/api \(403\)/],
    [404, "NOT_FOUND", /Not found/],
    [409, "CONFLICT", /changed the object first/],
    [422, "CONFLICT", /invalid or out of date/],
    [500, "UPSTREAM_FAILED", /Kubernetes API failed \(500/],
    [503, "UPSTREAM_FAILED", /failed \(503/],
  ] as const)("maps HTTP %i to %s in plain words", (status, code, message) => {
    const e = kubeFailureToError({ kind: "status", status }, what);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it("says how long it waited on a timeout", () => {
    const e = kubeFailureToError({ kind: "timeout", timeoutMs: 2500 }, what);
    expect(e.code).toBe("TIMEOUT");
    expect(e.message).toContain("within 2.5 s");
  });

  it("says the API is unreachable", () => {
    const e = kubeFailureToError({ kind: "unreachable", detail: "ECONNREFUSED" }, what);
    expect(e.code).toBe("UNAVAILABLE");
    expect(e.message).toContain("unreachable");
  });
});

describe("statusMessage", () => {
  it("reads the message of a Kubernetes Status body", () => {
    expect(statusMessage('{"kind":"Status","message":"services \\"x\\" not found"}')).toBe(
      'services "x" not found',
    );
    expect(statusMessage("not json")).toBe("not json");
  });
});

describe("FakeCluster failures", () => {
  it("surfaces an injected failure as the mapped error, once", async () => {
    const cluster = new FakeCluster();
    cluster.services.set("default/api", {
      namespace: "default",
      name: "api",
      selector: { version: "new" },
      resourceVersion: "1",
    });
    cluster.failNext("patchService", { kind: "status", status: 409 });
    const ops = [{ op: "replace" as const, path: "/spec/selector/version", value: "stable" }];
    await expect(cluster.patchService({ namespace: "default", name: "api" }, ops)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await cluster.getService({ namespace: "default", name: "api" })).selector.version).toBe("new");
    await cluster.patchService({ namespace: "default", name: "api" }, ops);
    expect((await cluster.getService({ namespace: "default", name: "api" })).selector.version).toBe("stable");
  });

  it("refuses a json-patch whose test op no longer matches (optimistic concurrency)", async () => {
    const cluster = new FakeCluster();
    cluster.services.set("default/api", {
      namespace: "default",
      name: "api",
      selector: { version: "canary" },
      resourceVersion: "1",
    });
    const ops = [
      { op: "test" as const, path: "/spec/selector/version", value: "new" },
      { op: "replace" as const, path: "/spec/selector/version", value: "stable" },
    ];
    await expect(cluster.patchService({ namespace: "default", name: "api" }, ops)).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
