import net from "node:net";

import type { OutboundPolicy } from "./address-policy";
import { networkErrorText, OutboundError } from "./outbound-error";
import { resolveTarget, type Resolver, type Target } from "./resolve-target";
import { parseHead, readBody, tooLarge, type BodyReader } from "./light-get-body";
import { safeFetch } from "./safe-fetch";

export type LightRequest = {
  timeoutMs: number;
  policy: OutboundPolicy;
  /** Read the body (up to maxBytes) or only the status (a short body is skipped). */
  readBody: boolean;
  maxBytes: number;
  accept?: string;
  resolve?: Resolver;
};

/**
 * A plain GET on a kept-alive socket, for what is fetched every few seconds per service (the
 * collector's polls and liveness probes), at a fraction of the general HTTP client's cost: one
 * write and one read. The same doors as safeFetch (lib/net/safe-fetch.ts): the host's
 * addresses are resolved and checked first and the socket connects only to a checked one; a
 * redirect is refused; the body is read up to a cap; every failure is an OutboundError with
 * the same words, never quoting the answer. https URLs go through safeFetch itself.
 */
export async function lightGet(url: string, req: LightRequest): Promise<{ status: number; body: Buffer }> {
  const started = Date.now();
  const target =
    literalTarget(url, req.policy) ??
    (await withDeadline(resolveTarget(url, req.policy, req.resolve), req.timeoutMs));
  if (target.url.protocol !== "http:") {
    const res = await safeFetch(url, {
      timeoutMs: req.timeoutMs,
      policy: req.policy,
      resolve: req.resolve,
      maxBytes: req.maxBytes,
      discardBody: !req.readBody,
      headers: req.accept ? { accept: req.accept } : undefined,
    });
    return { status: res.status, body: res.body };
  }
  if (!req.resolve) rememberLiteral(url, req.policy, target);
  const left = Math.max(1, req.timeoutMs - (Date.now() - started));
  const reused = takeIdle(target);
  try {
    const socket = reused ?? (await connect(target, left, req.timeoutMs));
    return await exchange(socket, target, req, left, reused !== undefined);
  } catch (e) {
    // A kept-alive socket the peer closed meanwhile: once more, on a new connection.
    if (!(e instanceof StaleSocket)) throw e;
    return exchange(await connect(target, left, req.timeoutMs), target, req, left, false);
  }
}

/** URLs whose host is an IP address: their check cannot change while the policy is the same
 * (no DNS), so it is done once per URL and policy. A host name is resolved every time. */
const literalTargets = new WeakMap<OutboundPolicy, Map<string, Target>>();
const MAX_LITERAL_TARGETS = 10_000;

function literalTarget(url: string, policy: OutboundPolicy): Target | undefined {
  return literalTargets.get(policy)?.get(url);
}

function rememberLiteral(url: string, policy: OutboundPolicy, target: Target): void {
  if (!net.isIP(unbracketHost(target.url.hostname))) return;
  let map = literalTargets.get(policy);
  if (!map) literalTargets.set(policy, (map = new Map()));
  if (map.size >= MAX_LITERAL_TARGETS) map.clear();
  map.set(url, target);
}

const unbracketHost = (h: string) => (h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h);

const IDLE_MS = 60_000;
const MAX_IDLE_PER_ADDRESS = 256;
const MAX_HEAD_BYTES = 16 * 1024;
const idle = new Map<string, net.Socket[]>();

class StaleSocket extends Error {}

const keyOf = (t: Target) => `${t.addresses[0]!.address}|${t.url.port || 80}`;

function takeIdle(target: Target): net.Socket | undefined {
  const list = idle.get(keyOf(target));
  for (let s = list?.pop(); s; s = list?.pop()) {
    if (s.destroyed) continue;
    s.removeAllListeners("close");
    s.removeAllListeners("error");
    s.removeAllListeners("timeout");
    s.setTimeout(0);
    s.ref();
    return s;
  }
  return undefined;
}

function putIdle(target: Target, socket: net.Socket): void {
  const key = keyOf(target);
  let list = idle.get(key);
  if (!list) idle.set(key, (list = []));
  if (list.length >= MAX_IDLE_PER_ADDRESS) return void socket.destroy();
  list.push(socket);
  const drop = () => {
    const i = list.indexOf(socket);
    if (i >= 0) list.splice(i, 1);
    socket.destroy();
  };
  socket.once("close", drop);
  socket.on("error", drop);
  socket.setTimeout(IDLE_MS, drop);
  socket.unref();
}

function connect(target: Target, timeoutMs: number, statedMs: number): Promise<net.Socket> {
  const { address, family } = target.addresses[0]!;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, family, port: Number(target.url.port || 80) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new OutboundError("timeout", `timed out after ${statedMs} ms`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      reject(new OutboundError("network", networkErrorText(e)));
    });
  });
}

const INVALID = () => new OutboundError("network", "the answer is not valid HTTP");

function exchange(
  socket: net.Socket,
  target: Target,
  req: LightRequest,
  timeoutMs: number,
  reused: boolean,
): Promise<{ status: number; body: Buffer }> {
  const { pathname, search, host } = target.url;
  const accept = req.accept ? `Accept: ${req.accept}\r\n` : "";
  const request = `GET ${pathname}${search} HTTP/1.1\r\nHost: ${host}\r\n${accept}Connection: keep-alive\r\n\r\n`;
  return new Promise((resolve, reject) => {
    let head: Buffer | null = null;
    let received = false;
    let body: BodyReader | null = null;
    let status = 0;
    let settled = false;
    const done = (error: Error | null, keep = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("error", onError);
      socket.off("close", onClose);
      if (error) {
        socket.destroy();
        return reject(error);
      }
      if (keep) putIdle(target, socket);
      else socket.destroy();
      if (status >= 300 && status < 400)
        return reject(new OutboundError("redirect", `answered ${status}: redirect refused`));
      resolve({ status, body: body?.body() ?? Buffer.alloc(0) });
    };
    const timer = setTimeout(
      () => done(new OutboundError("timeout", `timed out after ${req.timeoutMs} ms`)),
      timeoutMs,
    );
    const onError = (e: Error) => {
      const code = (e as NodeJS.ErrnoException).code;
      if (reused && !received && (code === "ECONNRESET" || code === "EPIPE")) return done(new StaleSocket());
      done(new OutboundError("network", networkErrorText(e)));
    };
    const onClose = () => {
      if (reused && !received) return done(new StaleSocket());
      if (body?.untilClose) return done(null);
      done(new OutboundError("network", "connection closed mid-answer"));
    };
    const feed = (chunk: Buffer) => {
      const state = body!.take(chunk);
      if (state === "more") return;
      if (state === "too-large") return done(tooLarge(status, req.maxBytes));
      if (state === "invalid") return done(INVALID());
      // "done": reuse only a cleanly ended answer; "skipped": the status is all that is wanted
      done(null, state === "done" && body!.reusable);
    };
    const onData = (chunk: Buffer) => {
      received = true;
      if (body) return feed(chunk);
      head = head ? Buffer.concat([head, chunk]) : chunk;
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return head.length > MAX_HEAD_BYTES ? done(INVALID()) : undefined;
      const parsed = parseHead(head.toString("latin1", 0, end));
      if (!parsed) return done(INVALID());
      status = parsed.status;
      const redirect = status >= 300 && status < 400;
      if (parsed.length !== null && parsed.length > req.maxBytes && req.readBody && !redirect)
        return done(tooLarge(status, req.maxBytes));
      body = readBody({ ...parsed, collect: req.readBody && !redirect, maxBytes: req.maxBytes });
      feed(head.subarray(end + 4));
    };
    socket.on("data", onData);
    socket.on("error", onError);
    socket.on("close", onClose);
    socket.write(request, "latin1");
  });
}

function withDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new OutboundError("timeout", `timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
