import { describe, expect, it } from "vitest";

import { DoubleControl, parseFault } from "./control";
import { decodeProtobufBody } from "./protobuf";

describe("fault injection", () => {
  it("matches method and path (substring or regex) and is consumed after `times` requests", () => {
    const control = new DoubleControl();
    control.faults.push(
      parseFault({ method: "PATCH", path: "/services/api-optimizer", kind: "status", status: 500, times: 2 }),
    );
    expect(control.takeFault("GET", "/api/v1/namespaces/default/services/api-optimizer")).toBeUndefined();
    expect(control.takeFault("PATCH", "/api/v1/namespaces/default/services/other")).toBeUndefined();
    expect(control.takeFault("PATCH", "/api/v1/namespaces/default/services/api-optimizer")).toMatchObject({
      status: 500,
    });
    expect(
      control.takeFault(
        "patch".toUpperCase(),
        "/api/v1/namespaces/default/services/api-optimizer?dryRun=All",
      ),
    ).toMatchObject({ status: 500 });
    expect(control.takeFault("PATCH", "/api/v1/namespaces/default/services/api-optimizer")).toBeUndefined();
    control.faults.push(parseFault({ path: "deployments/[a-z-]+/scale$", kind: "drop" }));
    expect(
      control.takeFault("PATCH", "/apis/apps/v1/namespaces/default/deployments/api-optimizer/scale"),
    ).toMatchObject({ kind: "drop" });
  });

  it("rejects malformed faults", () => {
    expect(() => parseFault({ kind: "explode" })).toThrow(/fault.kind/);
    expect(() => parseFault({ kind: "status", status: 200 })).toThrow(/fault.status/);
    expect(() => parseFault({ kind: "latency" })).toThrow(/fault.ms/);
    expect(() => parseFault({ kind: "timeout", times: 0 })).toThrow(/fault.times/);
    expect(parseFault({ kind: "timeout" }).times).toBe(1);
  });

  it("denial rules match on the attributes they name, '*' or omitted meaning any", () => {
    const control = new DoubleControl();
    control.denyRules = [
      { verb: "patch", resource: "services" },
      { verb: "*", resource: "deployments", subresource: "scale" },
    ];
    expect(
      control.isDenied({
        verb: "patch",
        group: "",
        resource: "services",
        namespace: "default",
        name: "api-optimizer",
      }),
    ).toBe(true);
    expect(control.isDenied({ verb: "get", group: "", resource: "services" })).toBe(false);
    expect(
      control.isDenied({ verb: "update", group: "apps", resource: "deployments", subresource: "scale" }),
    ).toBe(true);
    expect(control.isDenied({ verb: "patch", group: "apps", resource: "deployments" })).toBe(false);
  });
});

// Minimal protobuf encoder for the test: varint tags, length-delimited fields.
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
function field(no: number, value: string | Buffer): Buffer {
  const bytes = typeof value === "string" ? Buffer.from(value) : value;
  return Buffer.from([...varint((no << 3) | 2), ...varint(bytes.length), ...bytes]);
}

describe("protobuf SelfSubjectAccessReview bodies (kubectl auth can-i)", () => {
  it("decodes the runtime.Unknown envelope and the resource attributes", () => {
    const attrs = Buffer.concat([
      field(1, "default"),
      field(2, "patch"),
      field(3, "apps"),
      field(5, "deployments"),
      field(6, "scale"),
      field(7, "api-optimizer"),
    ]);
    const ssar = Buffer.concat([field(1, Buffer.alloc(0)), field(2, field(1, attrs))]);
    const typeMeta = Buffer.concat([
      field(1, "authorization.k8s.io/v1"),
      field(2, "SelfSubjectAccessReview"),
    ]);
    const body = Buffer.concat([Buffer.from("k8s\0"), field(1, typeMeta), field(2, ssar)]);
    expect(decodeProtobufBody(body)).toEqual({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      metadata: {},
      spec: {
        resourceAttributes: {
          namespace: "default",
          verb: "patch",
          group: "apps",
          resource: "deployments",
          subresource: "scale",
          name: "api-optimizer",
        },
      },
    });
  });

  it("refuses other protobuf kinds with 415", () => {
    const typeMeta = Buffer.concat([field(1, "v1"), field(2, "Service")]);
    const body = Buffer.concat([Buffer.from("k8s\0"), field(1, typeMeta), field(2, Buffer.from([]))]);
    expect(() => decodeProtobufBody(body)).toThrow(expect.objectContaining({ code: 415 }));
  });
});
