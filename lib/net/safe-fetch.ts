import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

import type { OutboundPolicy } from "./address-policy";
import { formatBytes, networkErrorText, OutboundError } from "./outbound-error";
import { resolveTarget, type ResolvedAddress, type Resolver, type Target } from "./resolve-target";

export const DEFAULT_MAX_BYTES = 1024 * 1024;

export type OutboundRequest = {
  /** The whole request (DNS, connect, headers and body) ends after this long. */
  timeoutMs: number;
  /** Policy of allowed addresses (from configuration: lib/net/outbound.ts). */
  policy: OutboundPolicy;
  method?: "GET" | "HEAD" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Largest body read; a longer answer is aborted while streaming (default 1 MB). */
  maxBytes?: number;
  /** Only the status matters: the body is not read, the connection is closed. */
  discardBody?: boolean;
  signal?: AbortSignal;
  resolve?: Resolver;
};

export type OutboundResponse = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** Connections are kept open between requests (a collector polls the same hosts every few
 * seconds). Reuse changes nothing about which addresses are reached: every request still
 * resolves and checks its host first, and a pooled socket was connected to a checked address.
 * Idle sockets close after a minute; a request on a socket the peer closed meanwhile is sent
 * once more on a new one (GET and HEAD only). */
const IDLE_SOCKET_MS = 60_000;
const AGENTS = {
  "http:": new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: "lifo" }),
  "https:": new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: "lifo" }),
};

/**
 * One server-side HTTP request to a URL that came from configuration or a user: the host's
 * addresses are checked (lib/net/address-policy.ts) and the socket connects only to them;
 * redirects are refused, never followed; the body is read up to a cap and the request aborted
 * past it; every failure is an OutboundError whose message never contains the body.
 */
export async function safeFetch(url: string, req: OutboundRequest): Promise<OutboundResponse> {
  const deadline = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([deadline, req.signal]) : deadline;
  const target = await untilAborted(resolveTarget(url, req.policy, req.resolve), signal, req.timeoutMs);
  return send(target, req, signal);
}

/** The checked addresses, handed to the socket instead of a second DNS query. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_host, options, callback) => {
    const first = addresses[0]!;
    if ((options as { all?: boolean }).all) {
      (callback as (e: null, all: ResolvedAddress[]) => void)(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function abortError(signal: AbortSignal, timeoutMs: number): OutboundError {
  const reason = signal.reason as { name?: string } | undefined;
  return reason?.name === "TimeoutError"
    ? new OutboundError("timeout", `timed out after ${timeoutMs} ms`)
    : new OutboundError("network", "request cancelled");
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal, timeoutMs));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal, timeoutMs));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function send(
  target: Target,
  req: OutboundRequest,
  signal: AbortSignal,
  retried = false,
): Promise<OutboundResponse> {
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
  const https_ = target.url.protocol === "https:";
  const client = https_ ? https : http;
  const method = req.method ?? "GET";
  return new Promise<OutboundResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: OutboundError | null, response?: OutboundResponse) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(response!);
    };
    const onAbort = () => finish(abortError(signal, req.timeoutMs));
    const request = client.request(
      target.url,
      {
        method,
        headers: req.headers,
        agent: AGENTS[https_ ? "https:" : "http:"],
        lookup: pinnedLookup(target.addresses),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          return finish(new OutboundError("redirect", `answered ${status}: redirect refused`));
        }
        if (req.discardBody || method === "HEAD") {
          discard(res, maxBytes, req.timeoutMs);
          return finish(null, { status, headers: res.headers, body: Buffer.alloc(0) });
        }
        if (Number(res.headers["content-length"] ?? NaN) > maxBytes) {
          return finish(tooLarge(status, maxBytes));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return finish(tooLarge(status, maxBytes));
          chunks.push(chunk);
        });
        res.on("end", () => finish(null, { status, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", () => finish(new OutboundError("network", "connection closed mid-answer")));
        res.on("aborted", () => finish(new OutboundError("network", "connection closed mid-answer")));
      },
    );
    request.on("error", (e) => {
      // A kept-alive socket the peer closed just before this request: once more, new socket.
      const stale = request.reusedSocket && (e as NodeJS.ErrnoException).code === "ECONNRESET";
      if (stale && !retried && !settled && (method === "GET" || method === "HEAD") && !signal.aborted) {
        settled = true;
        signal.removeEventListener("abort", onAbort);
        return resolve(send(target, req, signal, true));
      }
      finish(new OutboundError("network", networkErrorText(e)));
    });
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    request.end(req.body);
  });
}

/** An answer whose body is not wanted: a short body is drained so its connection can be
 * reused; a long or slow one (more than 64 KB or than the request's time) closes it. */
const DRAIN_MAX_BYTES = 64 * 1024;
function discard(res: http.IncomingMessage, maxBytes: number, timeoutMs: number): void {
  const cap = Math.min(maxBytes, DRAIN_MAX_BYTES);
  if (Number(res.headers["content-length"] ?? 0) > cap) return void res.destroy();
  if (res.complete) return;
  let size = 0;
  const timer = setTimeout(() => res.destroy(), timeoutMs);
  timer.unref();
  res.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > cap) res.destroy();
  });
  res.on("close", () => clearTimeout(timer));
  res.on("error", () => undefined);
}

function tooLarge(status: number, maxBytes: number): OutboundError {
  return new OutboundError(
    "too-large",
    `answered ${status} with a body larger than ${formatBytes(maxBytes)}; stopped reading`,
  );
}

/** Parses a body as JSON; a body that is not JSON is an error that does not quote it. */
export function parseJsonBody(res: OutboundResponse): unknown {
  try {
    return JSON.parse(res.body.toString("utf8"));
  } catch {
    throw new OutboundError("not-json", `answered ${res.status} with a body that is not JSON`);
  }
}
