// The HTTP server: request log, fault injection, RBAC denials, then the API routes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

import { parse as parseYamlText } from "yaml";

import { DoubleControl } from "./control";
import { handleControl } from "./control-api";
import { Controller } from "./controller";
import { ResourceHandlers } from "./handlers";
import { openApiV3Discovery, openApiV3GroupDoc, parseOpenApiV3Path } from "./openapi";
import { PATCH_CONTENT_TYPES } from "./patch";
import { apiGroupDoc, apiGroupListDoc, apiResourceListDoc, apiVersionsDoc, findResourceType } from "./resources";
import { decodeProtobufBody, PROTOBUF_MAGIC } from "./protobuf";
import { parseRoute, verbOf, type Route } from "./router";
import { seedCluster } from "./seed";
import { ApiError, forbidden, reasonFor } from "./status";
import { Store } from "./store";
import { followPodLog, metricsRequest, podLogRequest, scaleRequest, selfSubjectAccessReview } from "./subresources";
import { wantsTable } from "./tables";
import { WatchHub } from "./watch";

export interface KubeDoubleOptions {
  readyDelayMs: number;
  demo: boolean;
}

export interface KubeDouble {
  server: Server;
  store: Store;
  control: DoubleControl;
  controller: Controller;
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;
const NAMESPACES = findResourceType("", "v1", "namespaces")!;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new ApiError(413, "request entity too large", "RequestEntityTooLarge"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function parseYaml(raw: Buffer): unknown {
  try {
    return parseYamlText(raw.toString("utf8"));
  } catch (e) {
    throw new ApiError(400, `error decoding YAML: ${(e as Error).message}`);
  }
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  if (raw.subarray(0, 4).toString("latin1") === PROTOBUF_MAGIC) return decodeProtobufBody(raw);
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (e) {
    throw new ApiError(400, `couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

export function createKubeDouble(options: KubeDoubleOptions): KubeDouble {
  const store = new Store();
  const control = new DoubleControl();
  const controller = new Controller(store, options.readyDelayMs);
  const handlers = new ResourceHandlers(store, () => controller.clock());
  const watches = new WatchHub(store);
  const hanging = new Set<Socket>();
  const streams = new Set<() => void>(); // followed logs
  let ready = false;

  const reset = () => {
    ready = false;
    controller.stop();
    controller.readyDelayMs = options.readyDelayMs;
    watches.closeAll();
    for (const stop of streams) stop();
    control.reset();
    store.clear();
    seedCluster(store, controller, handlers, { demo: options.demo });
    ready = true;
  };

  const dispatch = async (req: IncomingMessage, res: ServerResponse, route: Route, url: URL, raw: Buffer): Promise<void> => {
    const method = req.method ?? "GET";
    const accept = req.headers.accept;
    switch (route.type) {
      case "version":
        return sendJson(res, 200, { major: "1", minor: "32", gitVersion: "v1.32.0-firebreak-double", gitCommit: "0000000", gitTreeState: "clean", buildDate: "2026-11-23T00:00:00Z", goVersion: "go1.23.0", compiler: "gc", platform: "linux/amd64" });
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
        if (route.group === "metrics.k8s.io" && !control.metricsAvailable) throw new ApiError(503, "the server is currently unable to handle the request", "ServiceUnavailable");
        const doc = apiResourceListDoc(route.group, route.version);
        if (!doc) throw new ApiError(404, "the server could not find the requested resource", "NotFound");
        return sendJson(res, 200, doc);
      }
    }
    const { rt, namespace, name, subresource } = route;
    const verb = verbOf(method, route);
    if (control.isDenied({ verb, group: rt.group, resource: rt.resource, subresource, namespace, name })) throw forbidden(rt, name, verb, namespace);
    const allowed = subresource ? (rt.subresources?.find((s) => s.name === subresource)?.verbs ?? []) : rt.verbs;
    if (!allowed.includes(verb)) throw new ApiError(405, `the server does not allow this method on the requested resource`, "MethodNotAllowed", { group: rt.group, kind: rt.resource });
    const query = url.searchParams;
    if (rt.group === "metrics.k8s.io") {
      if (method !== "GET") throw new ApiError(405, `${method} is not supported on pods.metrics.k8s.io`, "MethodNotAllowed");
      const r = metricsRequest(store, control, namespace, name, query);
      return sendJson(res, r.status, r.body);
    }
    if (rt.resource === "selfsubjectaccessreviews") {
      if (method !== "POST") throw new ApiError(405, `${method} is not supported on selfsubjectaccessreviews`, "MethodNotAllowed");
      const r = selfSubjectAccessReview(control, parseJson(raw));
      return sendJson(res, r.status, r.body);
    }
    if (namespace !== undefined && method !== "GET" && !store.get(NAMESPACES, undefined, namespace)) {
      throw new ApiError(404, `namespaces "${namespace}" not found`, "NotFound", { name: namespace, kind: "namespaces" });
    }
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
    const patchType = method === "PATCH" ? PATCH_CONTENT_TYPES[contentType] : undefined;
    if (method === "PATCH" && !patchType) {
      throw new ApiError(415, `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_CONTENT_TYPES).join(", ")}`, "UnsupportedMediaType");
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
      if (!["GET", "PUT", "PATCH"].includes(method)) throw new ApiError(405, `${method} is not supported on scale`, "MethodNotAllowed");
      const r = scaleRequest(handlers, rt, namespace!, name!, method, query, parseJson(raw), patchType);
      return sendJson(res, r.status, r.body);
    }
    const mode = subresource === "status" ? "status" : "main";
    if (name === undefined) {
      if (method === "GET" && route.watch) return watches.serve(req, res, rt, namespace, query, wantsTable(accept));
      if (method === "GET") {
        const r = handlers.list(rt, namespace, query, accept);
        return sendJson(res, r.status, r.body);
      }
      if (method === "POST") {
        const r = handlers.create(rt, namespace, parseJson(raw), query);
        return sendJson(res, r.status, r.body);
      }
      throw new ApiError(405, `${method} is not supported on a collection in this double`, "MethodNotAllowed");
    }
    let r;
    if (method === "GET") r = handlers.get(rt, namespace, name, subresource ? undefined : accept);
    else if (method === "PUT") r = handlers.replace(rt, namespace, name, parseJson(raw), query, mode);
    else if (method === "PATCH") r = handlers.patch(rt, namespace, name, patchType!, patchType === "apply" ? parseYaml(raw) : parseJson(raw), query, mode);
    else if (method === "DELETE" && !subresource) r = handlers.delete(rt, namespace, name, query, parseJson(raw));
    else throw new ApiError(405, `${method} is not supported`, "MethodNotAllowed");
    return sendJson(res, r.status, r.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    try {
      const raw = await readBody(req);
      if (url.pathname.startsWith("/__double/")) {
        const r = handleControl(
          { control, store, reset, getReadyDelayMs: () => controller.readyDelayMs, setReadyDelayMs: (ms) => (controller.readyDelayMs = ms) },
          method,
          url.pathname,
          url.searchParams,
          parseJson(raw),
        );
        return sendJson(res, r.status, r.body);
      }
      if (url.pathname === "/openapi/v3" || url.pathname.startsWith("/openapi/v3/")) {
        const gv = parseOpenApiV3Path(url.pathname);
        if (url.pathname === "/openapi/v3") return sendJson(res, 200, openApiV3Discovery());
        if (!gv) return sendJson(res, 404, new ApiError(404, "the server could not find the requested resource", "NotFound").toStatus());
        return sendJson(res, 200, openApiV3GroupDoc(gv.group, gv.version));
      }
      if (["/healthz", "/livez", "/readyz"].includes(url.pathname)) {
        res.writeHead(ready ? 200 : 503, { "Content-Type": "text/plain" });
        res.end(ready ? "ok" : "not ready");
        return;
      }
      let body: unknown = raw.length ? raw.toString("utf8") : null;
      try {
        if (typeof body === "string") body = JSON.parse(body);
      } catch {}
      control.logRequest({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        contentType: req.headers["content-type"] ?? null,
        accept: req.headers.accept ?? null,
        userAgent: req.headers["user-agent"] ?? null,
        body,
        time: new Date().toISOString(),
      });
      const fault = control.takeFault(method, `${url.pathname}${url.search}`);
      if (fault?.kind === "drop") {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "timeout") {
        hanging.add(req.socket);
        req.socket.on("close", () => hanging.delete(req.socket));
        return;
      }
      if (fault?.kind === "latency") await new Promise((r) => setTimeout(r, fault.ms));
      if (fault?.kind === "status") {
        throw new ApiError(fault.status, fault.message ?? `injected fault: ${fault.status} ${reasonFor(fault.status)}`);
      }
      await dispatch(req, res, parseRoute(url.pathname, url.searchParams), url, raw);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(500, `Internal error occurred: ${(e as Error).message}`, "InternalError");
      if (!res.headersSent) sendJson(res, err.code, err.toStatus());
      else res.end();
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  reset();
  return {
    server,
    store,
    control,
    controller,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        controller.stop();
        watches.closeAll();
        for (const stop of streams) stop();
        for (const s of hanging) s.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
