// LIST+WATCH: chunked newline-delimited JSON events, resumable from a resourceVersion, filtered by selectors.
import type { IncomingMessage, ServerResponse } from "node:http";

import { apiVersionOf, type ResourceType } from "./resources";
import {
  matchesFieldSelector,
  matchesLabelSelector,
  parseFieldSelector,
  parseLabelSelector,
} from "./selectors";
import { ApiError } from "./status";
import { toTable } from "./tables";
import { resourceKey, type Store, type StoreEvent } from "./store";
import type { KObject } from "./types";

const BOOKMARK_INTERVAL_MS = 10_000;
const DEFAULT_TIMEOUT_S = 1800;

export class WatchHub {
  private open = new Set<ServerResponse>();

  constructor(private store: Store) {}

  /** Ends every open watch (clients re-list and re-watch, as after an API server restart). */
  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }

  /** `asTable`: the client asked for `as=Table` (kubectl get -w): each event carries a one-row Table. */
  serve(
    req: IncomingMessage,
    res: ServerResponse,
    rt: ResourceType,
    namespace: string | undefined,
    query: URLSearchParams,
    asTable = false,
  ): void {
    const labelSelector = query.get("labelSelector");
    const fieldSelector = query.get("fieldSelector");
    if (labelSelector) parseLabelSelector(labelSelector); // validate before streaming
    const fields = fieldSelector ? parseFieldSelector(fieldSelector) : undefined;
    const matches = (o: KObject | undefined) =>
      !!o &&
      (namespace === undefined || o.metadata.namespace === namespace) &&
      (!labelSelector || matchesLabelSelector(o.metadata.labels, labelSelector)) &&
      (!fields || matchesFieldSelector(o, fields));

    const rvParam = query.get("resourceVersion") ?? "";
    const fromVersion = rvParam === "" || rvParam === "0" ? undefined : Number(rvParam);
    if (
      fromVersion !== undefined &&
      (!Number.isFinite(fromVersion) || fromVersion < this.store.oldestResumableVersion)
    ) {
      res.writeHead(200, { "Content-Type": "application/json" });
      const status = new ApiError(
        410,
        `too old resource version: ${rvParam} (${this.store.oldestResumableVersion})`,
        "Expired",
      ).toStatus();
      res.end(`${JSON.stringify({ type: "ERROR", object: status })}\n`);
      return;
    }

    res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-cache, private" });
    res.flushHeaders();
    this.open.add(res);
    const send = (type: string, object: KObject) => {
      const body =
        asTable && type !== "BOOKMARK"
          ? toTable(rt, [object], object.metadata.resourceVersion ?? "")
          : object;
      if (!res.writableEnded) res.write(`${JSON.stringify({ type, object: body })}\n`);
    };
    const key = resourceKey(rt);
    const deliver = (e: StoreEvent) => {
      if (e.resource !== key) return;
      const now = matches(e.object);
      const before = e.type !== "ADDED" && matches(e.previous);
      if (e.type === "DELETED") {
        if (before) send("DELETED", e.object);
      } else if (now && (e.type === "ADDED" || !before)) send("ADDED", e.object);
      else if (now) send("MODIFIED", e.object);
      else if (before) send("DELETED", e.object); // no longer matches the selector
    };

    if (fromVersion === undefined) {
      for (const o of this.store.list(rt, namespace)) if (matches(o)) send("ADDED", o);
    } else {
      for (const e of this.store.eventsSince(fromVersion)) deliver(e);
    }
    const unsubscribe = this.store.subscribe(deliver);
    const bookmarks =
      query.get("allowWatchBookmarks") === "true"
        ? setInterval(
            () =>
              send("BOOKMARK", {
                kind: rt.kind,
                apiVersion: apiVersionOf(rt),
                metadata: { name: "", resourceVersion: String(this.store.resourceVersion) },
              }),
            BOOKMARK_INTERVAL_MS,
          )
        : undefined;
    const timeoutS = Number(query.get("timeoutSeconds") ?? DEFAULT_TIMEOUT_S);
    const timeout = setTimeout(() => res.end(), Math.max(0, timeoutS) * 1000);
    const cleanup = () => {
      unsubscribe();
      clearTimeout(timeout);
      if (bookmarks) clearInterval(bookmarks);
      this.open.delete(res);
    };
    res.on("close", cleanup);
    req.on("close", cleanup);
  }
}
