// API routes: discovery, then resources and subresources (after RBAC denials and verb checks).
import type { IncomingMessage, ServerResponse } from "node:http";

import type { DoubleControl } from "./control";
import type { ResourceHandlers } from "./handlers";
import { parseJson, parseYaml, sendJson } from "./http-util";
import { PATCH_CONTENT_TYPES } from "./patch";
import {
  apiGroupDoc,
  apiGroupListDoc,
  apiResourceListDoc,
  apiVersionsDoc,
  findResourceType,
} from "./resources";
import { impersonatedSubject, loadRbac, rbacAllows, selfSubjectAccessReviewAs } from "./rbac";
import { verbOf, type Route } from "./router";
import { ApiError, forbidden } from "./status";
import type { Store } from "./store";
import {
  followPodLog,
  metricsRequest,
  podLogRequest,
  scaleRequest,
  selfSubjectAccessReview,
} from "./subresources";
import { wantsTable } from "./tables";
import type { WatchHub } from "./watch";

const NAMESPACES = findResourceType("", "v1", "namespaces")!;

export interface DispatchDeps {
  control: DoubleControl;
  store: Store;
  handlers: ResourceHandlers;
  watches: WatchHub;
  /** Stop functions of followed log streams (ended on reset and shutdown). */
  streams: Set<() => void>;
}

export function createDispatcher(deps: DispatchDeps) {
  const { control, store, handlers, watches, streams } = deps;
  const rbac = loadRbac();
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    url: URL,
    raw: Buffer,
  ): Promise<void> => {
    const method = req.method ?? "GET";
    const accept = req.headers.accept;
    switch (route.type) {
      case "version":
        return sendJson(res, 200, {
          major: "1",
          minor: "32",
          gitVersion: "v1.32.0-firebreak-double",
          gitCommit: "0000000",
          gitTreeState: "clean",
          buildDate: "2026-11-23T00:00:00Z",
          goVersion: "go1.23.0",
          compiler: "gc",
          platform: "linux/amd64",
        });
      case "apiVersions":
        return sendJson(res, 200, apiVersionsDoc(req.headers.host ?? "127.0.0.1"));
      case "groupList":
        return sendJson(res, 200, apiGroupListDoc({ metricsAvailable: control.metricsAvailable }));
      case "group": {
        const doc = apiGroupDoc(route.group);
        if (!doc) throw new ApiError(404, "the server could not find the requested resource", "NotFound");
        return sendJson(res, 200, doc);
      }
      case "resourceList": {
        if (route.group === "metrics.k8s.io" && !control.metricsAvailable)
          throw new ApiError(
            503,
            "the server is currently unable to handle the request",
            "ServiceUnavailable",
          );
        const doc = apiResourceListDoc(route.group, route.version);
        if (!doc) throw new ApiError(404, "the server could not find the requested resource", "NotFound");
        return sendJson(res, 200, doc);
      }
    }
    const { rt, namespace, name, subresource } = route;
    const verb = verbOf(method, route);
    const attrs = { verb, group: rt.group, resource: rt.resource, subresource, namespace, name };
    const subject = impersonatedSubject(req.headers);
    if (control.isDenied(attrs)) throw forbidden(rt, name, verb, namespace, subject?.user);
    // Anyone authenticated may ask what they may do (SelfSubjectAccessReview).
    if (subject && rt.resource !== "selfsubjectaccessreviews" && !rbacAllows(rbac, subject, attrs))
      throw forbidden(rt, name, verb, namespace, subject.user);
    const allowed = subresource
      ? (rt.subresources?.find((s) => s.name === subresource)?.verbs ?? [])
      : rt.verbs;
    if (!allowed.includes(verb))
      throw new ApiError(
        405,
        `the server does not allow this method on the requested resource`,
        "MethodNotAllowed",
        { group: rt.group, kind: rt.resource },
      );
    const query = url.searchParams;
    if (rt.group === "metrics.k8s.io") {
      if (method !== "GET")
        throw new ApiError(405, `${method} is not supported on pods.metrics.k8s.io`, "MethodNotAllowed");
      const r = metricsRequest(store, control, namespace, name, query);
      return sendJson(res, r.status, r.body);
    }
    if (rt.resource === "selfsubjectaccessreviews") {
      if (method !== "POST")
        throw new ApiError(405, `${method} is not supported on selfsubjectaccessreviews`, "MethodNotAllowed");
      const r = subject
        ? selfSubjectAccessReviewAs(rbac, control, subject, parseJson(raw))
        : selfSubjectAccessReview(control, parseJson(raw));
      return sendJson(res, r.status, r.body);
    }
    if (namespace !== undefined && method !== "GET" && !store.get(NAMESPACES, undefined, namespace)) {
      throw new ApiError(404, `namespaces "${namespace}" not found`, "NotFound", {
        name: namespace,
        kind: "namespaces",
      });
    }
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
    const patchType = method === "PATCH" ? PATCH_CONTENT_TYPES[contentType] : undefined;
    if (method === "PATCH" && !patchType) {
      throw new ApiError(
        415,
        `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_CONTENT_TYPES).join(", ")}`,
        "UnsupportedMediaType",
      );
    }
    if (subresource === "log") {
      if (method !== "GET") throw new ApiError(405, "only GET is supported on pods/log", "MethodNotAllowed");
      if (query.get("follow") === "true") {
        const stop = followPodLog(store, namespace!, name!, query, res);
        streams.add(stop);
        res.on("close", () => streams.delete(stop));
        return;
      }
      const r = podLogRequest(store, namespace!, name!, query);
      res.writeHead(r.status, { "Content-Type": "text/plain", "Content-Length": Buffer.byteLength(r.text) });
      res.end(r.text);
      return;
    }
    if (subresource === "scale") {
      if (!["GET", "PUT", "PATCH"].includes(method))
        throw new ApiError(405, `${method} is not supported on scale`, "MethodNotAllowed");
      const r = scaleRequest(handlers, rt, namespace!, name!, method, query, parseJson(raw), patchType);
      return sendJson(res, r.status, r.body);
    }
    const mode = subresource === "status" ? "status" : "main";
    if (name === undefined) {
      if (method === "GET" && route.watch)
        return watches.serve(req, res, rt, namespace, query, wantsTable(accept));
      if (method === "GET") {
        const r = handlers.list(rt, namespace, query, accept);
        return sendJson(res, r.status, r.body);
      }
      if (method === "POST") {
        const r = handlers.create(rt, namespace, parseJson(raw), query);
        return sendJson(res, r.status, r.body);
      }
      throw new ApiError(
        405,
        `${method} is not supported on a collection in this double`,
        "MethodNotAllowed",
      );
    }
    let r;
    if (method === "GET") r = handlers.get(rt, namespace, name, subresource ? undefined : accept);
    else if (method === "PUT") r = handlers.replace(rt, namespace, name, parseJson(raw), query, mode);
    else if (method === "PATCH")
      r = handlers.patch(
        rt,
        namespace,
        name,
        patchType!,
        patchType === "apply" ? parseYaml(raw) : parseJson(raw),
        query,
        mode,
      );
    else if (method === "DELETE" && !subresource)
      r = handlers.delete(rt, namespace, name, query, parseJson(raw));
    else throw new ApiError(405, `${method} is not supported`, "MethodNotAllowed");
    return sendJson(res, r.status, r.body);
  };
}
