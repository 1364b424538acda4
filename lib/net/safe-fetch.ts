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

function send(target: Target, req: OutboundRequest, signal: AbortSignal): Promise<OutboundResponse> {
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
  const client = target.url.protocol === "https:" ? https : http;
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
        method: req.method ?? "GET",
        headers: req.headers,
        agent: false,
        lookup: pinnedLookup(target.addresses),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          return finish(new OutboundError("redirect", `answered ${status}: redirect refused`));
        }
        if (req.discardBody || req.method === "HEAD") {
          res.destroy();
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
    request.on("error", (e) => finish(new OutboundError("network", networkErrorText(e))));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    request.end(req.body);
  });
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
