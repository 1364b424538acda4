// The HTTP server: request log, fault injection, RBAC denials, then the API routes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

import { DoubleControl } from "./control";
import { handleControl } from "./control-api";
import { Controller } from "./controller";
import { createDispatcher } from "./dispatch";
import { ResourceHandlers } from "./handlers";
import { parseJson, readBody, sendJson } from "./http-util";
import { openApiV3Discovery, openApiV3GroupDoc, parseOpenApiV3Path } from "./openapi";
import { impersonatedSubject } from "./rbac";
import { parseRoute } from "./router";
import { seedCluster } from "./seed";
import { ApiError, reasonFor } from "./status";
import { Store } from "./store";
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

  const dispatch = createDispatcher({ control, store, handlers, watches, streams });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    try {
      const raw = await readBody(req);
      if (url.pathname.startsWith("/__double/")) {
        const r = handleControl(
          {
            control,
            store,
            reset,
            getReadyDelayMs: () => controller.readyDelayMs,
            setReadyDelayMs: (ms) => (controller.readyDelayMs = ms),
          },
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
        if (!gv)
          return sendJson(
            res,
            404,
            new ApiError(404, "the server could not find the requested resource", "NotFound").toStatus(),
          );
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
        impersonatedUser: impersonatedSubject(req.headers)?.user ?? null,
        impersonatedGroups: impersonatedSubject(req.headers)?.groups ?? [],
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
        throw new ApiError(
          fault.status,
          fault.message ?? `injected fault: ${fault.status} ${reasonFor(fault.status)}`,
        );
      }
      await dispatch(req, res, parseRoute(url.pathname, url.searchParams), url, raw);
    } catch (e) {
      const err =
        e instanceof ApiError
          ? e
          : new ApiError(500, `Internal error occurred: ${(e as Error).message}`, "InternalError");
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
