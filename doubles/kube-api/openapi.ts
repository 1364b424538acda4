// Minimal OpenAPI v3 documents: enough for kubectl (create/apply) to see that the server validates fields
// itself (`fieldValidation` on each resource's PATCH), so it skips client-side schema validation.
import { createHash } from "node:crypto";

import { RESOURCE_TYPES, type ResourceType } from "./resources";

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function groupVersions(): Array<{ group: string; version: string }> {
  const seen = new Map<string, { group: string; version: string }>();
  for (const rt of RESOURCE_TYPES)
    seen.set(gvPath(rt.group, rt.version), { group: rt.group, version: rt.version });
  return [...seen.values()];
}

export function openApiV3GroupDoc(group: string, version: string) {
  const types = RESOURCE_TYPES.filter(
    (r) => r.group === group && r.version === version && r.verbs.includes("patch"),
  );
  const paths: Record<string, unknown> = {};
  const param = (name: string) => ({ name, in: "query", schema: { type: "string", uniqueItems: true } });
  const op = (rt: ResourceType) => ({
    operationId: `patch${rt.kind}`,
    "x-kubernetes-action": "patch",
    "x-kubernetes-group-version-kind": { group: rt.group, version: rt.version, kind: rt.kind },
    parameters: [param("dryRun"), param("fieldManager"), param("fieldValidation"), param("force")],
    responses: { "200": { description: "OK" } },
  });
  for (const rt of types) {
    const base = `/${gvPath(rt.group, rt.version)}${rt.namespaced ? "/namespaces/{namespace}" : ""}/${rt.resource}/{name}`;
    paths[base] = { patch: op(rt) };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: "v1.32.0" },
    paths,
    components: { schemas: {} },
  };
}

function hashOf(value: unknown): string {
  return createHash("sha512").update(JSON.stringify(value)).digest("hex").slice(0, 64).toUpperCase();
}

export function openApiV3Discovery() {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of groupVersions()) {
    const p = gvPath(group, version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(openApiV3GroupDoc(group, version))}` };
  }
  return { paths };
}

/** `/openapi/v3/apis/apps/v1` → { group: "apps", version: "v1" }. */
export function parseOpenApiV3Path(pathname: string): { group: string; version: string } | undefined {
  const m = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(pathname);
  if (!m) return undefined;
  const gv = m[1] ? { group: "", version: m[1] } : { group: m[2]!, version: m[3]! };
  return groupVersions().some((g) => g.group === gv.group && g.version === gv.version) ? gv : undefined;
}
