// URL → API route. Pure: no I/O.
import { findResourceType, type ResourceType } from "./resources";
import { ApiError } from "./status";

export type Route =
  | { type: "version" }
  | { type: "apiVersions" }
  | { type: "groupList" }
  | { type: "group"; group: string }
  | { type: "resourceList"; group: string; version: string }
  | {
      type: "resource";
      rt: ResourceType;
      namespace?: string;
      name?: string;
      subresource?: string;
      watch: boolean;
    };

export function parseRoute(pathname: string, query: URLSearchParams): Route {
  const seg = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const notFound = () => new ApiError(404, "the server could not find the requested resource", "NotFound");
  if (seg.length === 1 && seg[0] === "version") return { type: "version" };
  let group: string;
  let version: string;
  let rest: string[];
  if (seg[0] === "api") {
    if (seg.length === 1) return { type: "apiVersions" };
    if (seg[1] !== "v1") throw notFound();
    group = "";
    version = "v1";
    rest = seg.slice(2);
  } else if (seg[0] === "apis") {
    if (seg.length === 1) return { type: "groupList" };
    if (seg.length === 2) return { type: "group", group: seg[1]! };
    group = seg[1]!;
    version = seg[2]!;
    rest = seg.slice(3);
  } else throw notFound();
  if (rest.length === 0) return { type: "resourceList", group, version };
  let watch = query.get("watch") === "true" || query.get("watch") === "1";
  if (rest[0] === "watch") {
    watch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  let resource: string;
  let name: string | undefined;
  let subresource: string | undefined;
  if (rest[0] === "namespaces" && rest.length >= 3) {
    namespace = rest[1];
    resource = rest[2]!;
    name = rest[3];
    subresource = rest[4];
    if (rest.length > 5) throw notFound();
  } else {
    resource = rest[0]!;
    name = rest[1];
    subresource = rest[2];
    if (rest.length > 3) throw notFound();
  }
  const rt = findResourceType(group, version, resource);
  if (!rt) throw notFound();
  if (!rt.namespaced && namespace !== undefined) throw notFound();
  if (rt.namespaced && namespace === undefined && name !== undefined) throw notFound();
  if (subresource !== undefined && !rt.subresources?.some((s) => s.name === subresource)) throw notFound();
  return { type: "resource", rt, namespace, name, subresource, watch };
}

/** The RBAC verb a request needs (for SelfSubjectAccessReview denials applied to real requests). */
export function verbOf(method: string, route: Extract<Route, { type: "resource" }>): string {
  switch (method) {
    case "GET":
      return route.watch ? "watch" : route.name ? "get" : "list";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return route.name ? "delete" : "deletecollection";
    default:
      return method.toLowerCase();
  }
}
