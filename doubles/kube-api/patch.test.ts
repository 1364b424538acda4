import { describe, expect, it } from "vitest";

import { applyJsonPatch, applyMergePatch, applyPatch, applyStrategicMergePatch } from "./patch";
import { ApiError } from "./status";

const service = () => ({
  metadata: { name: "api-optimizer", labels: { app: "api-optimizer" } },
  spec: {
    selector: { app: "api-optimizer", version: "new" },
    ports: [{ name: "http", port: 80, targetPort: 8080 }],
  },
});

function apiErrorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

describe("JSON Patch (RFC 6902)", () => {
  it("replaces the selector version like the runbook's rollback command", () => {
    const out = applyJsonPatch(service(), [
      { op: "replace", path: "/spec/selector/version", value: "stable" },
    ]) as ReturnType<typeof service>;
    expect(out.spec.selector).toEqual({ app: "api-optimizer", version: "stable" });
  });

  it("does not mutate its input", () => {
    const input = service();
    applyJsonPatch(input, [{ op: "remove", path: "/spec/selector/version" }]);
    expect(input.spec.selector.version).toBe("new");
  });

  it("adds, appends with '-', copies, moves and removes", () => {
    const out = applyJsonPatch({ a: [1, 2], b: { c: 1 } }, [
      { op: "add", path: "/a/1", value: 9 },
      { op: "add", path: "/a/-", value: 3 },
      { op: "copy", from: "/b/c", path: "/d" },
      { op: "move", from: "/b", path: "/e" },
      { op: "remove", path: "/a/0" },
    ]);
    expect(out).toEqual({ a: [9, 2, 3], d: 1, e: { c: 1 } });
  });

  it("unescapes ~1 and ~0 in pointers (annotation keys with slashes)", () => {
    const out = applyJsonPatch({ metadata: { annotations: {} } }, [
      { op: "add", path: "/metadata/annotations/kubectl.kubernetes.io~1restartedAt", value: "now" },
      { op: "add", path: "/metadata/annotations/a~0b", value: "x" },
    ]);
    expect(out).toEqual({
      metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "now", "a~b": "x" } },
    });
  });

  it("a failing test op is a 422 and nothing is applied", () => {
    const err = apiErrorOf(() =>
      applyJsonPatch(service(), [
        { op: "test", path: "/spec/selector/version", value: "stable" },
        { op: "replace", path: "/spec/selector/version", value: "x" },
      ]),
    );
    expect(err.code).toBe(422);
    expect(err.message).toContain("testing value /spec/selector/version failed");
  });

  it("a passing test op lets the rest apply (compare-and-swap)", () => {
    const out = applyJsonPatch(service(), [
      { op: "test", path: "/spec/selector/version", value: "new" },
      { op: "replace", path: "/spec/selector/version", value: "stable" },
    ]) as ReturnType<typeof service>;
    expect(out.spec.selector.version).toBe("stable");
  });

  it("replace and remove of a missing path are 422, an out-of-range index too", () => {
    expect(
      apiErrorOf(() => applyJsonPatch(service(), [{ op: "replace", path: "/spec/nope", value: 1 }])).code,
    ).toBe(422);
    expect(
      apiErrorOf(() => applyJsonPatch(service(), [{ op: "remove", path: "/spec/selector/nope" }])).code,
    ).toBe(422);
    expect(
      apiErrorOf(() => applyJsonPatch(service(), [{ op: "add", path: "/spec/ports/5", value: {} }])).code,
    ).toBe(422);
    expect(
      apiErrorOf(() => applyJsonPatch(service(), [{ op: "add", path: "/missing/deep", value: 1 }])).code,
    ).toBe(422);
  });

  it("a body that is not an array of operations is a 400", () => {
    expect(apiErrorOf(() => applyJsonPatch(service(), { op: "replace" })).code).toBe(400);
    expect(apiErrorOf(() => applyJsonPatch(service(), [{ path: "/x" }])).code).toBe(400);
  });
});

describe("JSON Merge Patch (RFC 7386)", () => {
  it("merges objects, replaces arrays and deletes with null", () => {
    const out = applyMergePatch(service(), {
      metadata: { labels: { team: "sre" } },
      spec: { selector: { version: null }, ports: [{ port: 81 }] },
    });
    expect(out).toEqual({
      metadata: { name: "api-optimizer", labels: { app: "api-optimizer", team: "sre" } },
      spec: { selector: { app: "api-optimizer" }, ports: [{ port: 81 }] },
    });
  });

  it("matches the RFC 7386 examples", () => {
    expect(applyMergePatch({ a: "b" }, { a: "c" })).toEqual({ a: "c" });
    expect(applyMergePatch({ a: "b" }, { b: "c" })).toEqual({ a: "b", b: "c" });
    expect(applyMergePatch({ a: [{ b: "c" }] }, { a: [1] })).toEqual({ a: [1] });
    expect(applyMergePatch(["a", "b"], ["c", "d"])).toEqual(["c", "d"]);
    expect(applyMergePatch({ a: "foo" }, "bar")).toBe("bar");
    expect(applyMergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
  });

  it("refuses a non-object merge patch body through applyPatch", () => {
    expect(apiErrorOf(() => applyPatch("merge", service(), [1])).code).toBe(400);
  });
});

describe("strategic merge patch", () => {
  const deployment = () => ({
    spec: {
      replicas: 3,
      template: {
        metadata: { labels: { app: "a" } },
        spec: {
          containers: [
            {
              name: "app",
              image: "app:1",
              env: [{ name: "A", value: "1" }],
              ports: [{ containerPort: 8080, protocol: "TCP" }],
            },
            { name: "sidecar", image: "proxy:1" },
          ],
          tolerations: [{ key: "x" }],
        },
      },
    },
  });

  it("adds the restartedAt template annotation the way kubectl rollout restart sends it", () => {
    const out = applyStrategicMergePatch(deployment(), {
      spec: {
        template: {
          metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-23T00:43:49Z" } },
        },
      },
    }) as ReturnType<typeof deployment> & {
      spec: { template: { metadata: { annotations: Record<string, string> } } };
    };
    expect(out.spec.template.metadata).toEqual({
      labels: { app: "a" },
      annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-23T00:43:49Z" },
    });
    expect(out.spec.template.spec.containers).toHaveLength(2);
  });

  it("merges containers by name instead of replacing the list", () => {
    const out = applyStrategicMergePatch(deployment(), {
      spec: { template: { spec: { containers: [{ name: "app", image: "app:2" }] } } },
    }) as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ["app", "app:2"],
      ["sidecar", "proxy:1"],
    ]);
    expect(out.spec.template.spec.containers[0]!.env).toEqual([{ name: "A", value: "1" }]);
  });

  it("merges env by name and container ports by containerPort, appending new items", () => {
    const out = applyStrategicMergePatch(deployment(), {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: "app",
                env: [
                  { name: "A", value: "2" },
                  { name: "B", value: "3" },
                ],
                ports: [{ containerPort: 9090 }],
              },
            ],
          },
        },
      },
    }) as ReturnType<typeof deployment>;
    const app = out.spec.template.spec.containers[0]!;
    expect(app.env).toEqual([
      { name: "A", value: "2" },
      { name: "B", value: "3" },
    ]);
    expect(app.ports!.map((p) => p.containerPort)).toEqual([8080, 9090]);
  });

  it("merges Service ports by port", () => {
    const out = applyStrategicMergePatch(service(), {
      spec: {
        ports: [
          { port: 80, targetPort: 9000 },
          { port: 443, name: "https" },
        ],
      },
    }) as ReturnType<typeof service>;
    expect(out.spec.ports).toEqual([
      { name: "http", port: 80, targetPort: 9000 },
      { port: 443, name: "https" },
    ]);
  });

  it("deletes list items with $patch: delete and map keys with null", () => {
    const out = applyStrategicMergePatch(deployment(), {
      spec: { replicas: null, template: { spec: { containers: [{ name: "sidecar", $patch: "delete" }] } } },
    }) as { spec: { replicas?: number; template: ReturnType<typeof deployment>["spec"]["template"] } };
    expect(out.spec.replicas).toBeUndefined();
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(["app"]);
  });

  it("replaces lists without a merge key (tolerations) and honours $patch: replace on maps", () => {
    const out = applyStrategicMergePatch(deployment(), {
      spec: {
        template: {
          metadata: { $patch: "replace", labels: { only: "this" } },
          spec: { tolerations: [{ key: "y" }] },
        },
      },
    }) as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.tolerations).toEqual([{ key: "y" }]);
    expect(out.spec.template.metadata).toEqual({ labels: { only: "this" } });
  });

  it("ignores $setElementOrder directives and applies $deleteFromPrimitiveList", () => {
    const out = applyStrategicMergePatch(
      { metadata: { finalizers: ["a", "b"] }, spec: { containers: [{ name: "x" }] } },
      {
        metadata: { "$deleteFromPrimitiveList/finalizers": ["a"] },
        spec: { "$setElementOrder/containers": [{ name: "x" }], containers: [{ name: "x", image: "i" }] },
      },
    );
    expect(out).toEqual({
      metadata: { finalizers: ["b"] },
      spec: { containers: [{ name: "x", image: "i" }] },
    });
  });

  it("scale through /scale: {spec:{replicas}} changes only replicas", () => {
    expect(
      applyPatch("strategic", { spec: { replicas: 3 }, status: { replicas: 3 } }, { spec: { replicas: 10 } }),
    ).toEqual({ spec: { replicas: 10 }, status: { replicas: 3 } });
  });
});
