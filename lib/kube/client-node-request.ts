import "server-only";
import { Readable } from "node:stream";

import * as k8s from "@kubernetes/client-node";
import { request as undiciRequest, type Dispatcher as UndiciDispatcher } from "undici";

import { getEnv } from "@/lib/env";

import { toFailure } from "./client-node-shapes";
import { kubeFailureToError } from "./errors";
import { kubeConfigFor } from "./impersonating-kube-config";
import { identityKey, type KubeIdentity } from "./impersonation";

/** The adapters' shared request plumbing for `@kubernetes/client-node`: how a connection is
 * loaded, the per-call timeout, and failures in plain words. */

export type KubeConnection = {
  kubeconfigPath?: string;
  /** Act as this person (Impersonate-User/-Group on every request); absent: as the credential. */
  identity?: KubeIdentity | null;
  context?: string;
  inCluster?: boolean;
  timeoutMs: number;
};

/** The connection configuration describes: the first KUBECONFIG file, else the pod's service
 * account (in a cluster), else ~/.kube/config; on `context` (else KUBE_CONTEXT); as `identity`
 * (impersonated) when one is given. */
export function configuredConnection(
  context?: string | null,
  identity: KubeIdentity | null = null,
): KubeConnection {
  const env = getEnv();
  return {
    kubeconfigPath: env.KUBECONFIG?.split(":")[0],
    inCluster: !env.KUBECONFIG && !!env.KUBERNETES_SERVICE_HOST,
    context: (context ?? env.KUBE_CONTEXT) || undefined,
    timeoutMs: env.KUBE_TIMEOUT_MS,
    identity,
  };
}

/** One adapter per (context, identity), built on first use from the configured connection and
 * kept: its kubeconfig is read once, not per request. */
export function perConnection<T>(
  make: (conn: KubeConnection) => T,
): (context?: string | null, identity?: KubeIdentity | null) => T {
  const made = new Map<string, T>();
  return (context, identity = null) => {
    const conn = configuredConnection(context, identity);
    const key = `${conn.context ?? ""}\u0000${identityKey(identity)}`;
    let adapter = made.get(key);
    if (!adapter) made.set(key, (adapter = make(conn)));
    return adapter;
  };
}

/** A KubeConfig from the kubeconfig file, the pod's service account or the default, on the
 * configured context; it impersonates the connection's identity when one is given. */
export function loadKubeConfig(conn: KubeConnection): k8s.KubeConfig {
  const kc = kubeConfigFor(conn.identity);
  if (conn.kubeconfigPath) kc.loadFromFile(conn.kubeconfigPath);
  else if (conn.inCluster) kc.loadFromCluster();
  else kc.loadFromDefault();
  if (conn.context) kc.setCurrentContext(conn.context);
  return kc;
}

type RequestContext = Parameters<k8s.ObservableMiddleware["pre"]>[0];
type Dispatcher = NonNullable<ReturnType<RequestContext["getDispatcher"]>>;

/** How long an adapter lends one connection agent before taking the next one client-node builds
 * (which reads the kubeconfig's certificate and CA files afresh): rotated files are picked up. */
const SHARED_AGENT_MS = 5 * 60_000;

/** client-node builds a new connection agent for every request when the cluster has TLS settings
 * (a CA, client certificates, or insecure-skip-tls-verify), so every call would open a new
 * connection (TCP, and TLS against a real API server). An adapter keeps the agent of its first
 * request and lends it to the next ones: consecutive calls share kept-alive connections. */
export class SharedAgent {
  private current: { dispatcher: Dispatcher; since: number } | null = null;

  lend(request: RequestContext): void {
    const built = request.getDispatcher();
    if (!built) return; // no TLS settings: fetch's global agent, which keeps connections alive
    const now = Date.now();
    if (this.current && now - this.current.since < SHARED_AGENT_MS)
      return request.setDispatcher(this.current.dispatcher);
    // The old agent finishes its requests in flight, then closes its connections.
    this.current?.dispatcher.close().catch(() => undefined);
    this.current = { dispatcher: built, since: now };
  }
}

/** client-node's HTTP transport on undici's `request()` instead of its `fetch()`. The request
 * is the one client-node built: URL, method, headers (authentication included), body, timeout
 * signal and dispatcher (the cluster's TLS settings, connection pool and proxy), so it reaches
 * the API server exactly as before, and client-node reads the status and body as before. What
 * goes is fetch's Request/Response machinery and its copy of every request body: about a third
 * of the client's cost per API call. Watches and log streams keep client-node's own transport. */
export const requestTransport = k8s.wrapHttpLibrary({
  async send(ctx: k8s.RequestContext): Promise<k8s.ResponseContext> {
    const res = await undiciRequest(ctx.getUrl(), {
      method: ctx.getHttpMethod() as UndiciDispatcher.HttpMethod,
      headers: ctx.getHeaders(),
      body: ctx.getBody() as string | undefined,
      signal: ctx.getSignal(),
      dispatcher: ctx.getDispatcher() as UndiciDispatcher | undefined,
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers))
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    const body = res.body;
    return new k8s.ResponseContext(res.statusCode, headers, {
      text: () => body.text(),
      binary: async () => Buffer.from(await body.arrayBuffer()),
      stream: () => Readable.toWeb(body) as ReadableStream<Uint8Array>,
    });
  },
});

/** Per-call options: a fresh timeout signal, plus the Content-Type (a patch's) when given; the
 * adapter's shared agent when given; the request transport above. */
export function timedOptions(
  timeoutMs: number,
  contentType?: string,
  agent?: SharedAgent,
): k8s.ConfigurationOptions<k8s.ObservableMiddleware> {
  const base = k8s.setHeaderMiddleware("X-Firebreak-Client", "client-node");
  const withTimeout: k8s.ObservableMiddleware = {
    pre: (request) => {
      request.setSignal(AbortSignal.timeout(timeoutMs));
      agent?.lend(request);
      return base.pre(request);
    },
    post: (response) => base.post(response),
  };
  const opts = {
    middleware: [withTimeout],
    middlewareMergeStrategy: "append" as const,
    httpApi: requestTransport,
  };
  return contentType ? k8s.setHeaderOptions("Content-Type", contentType, opts) : opts;
}

/** One API call; its failure becomes a plain-words AppError naming `what` was attempted. */
export async function kubeCall<T>(what: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw kubeFailureToError(toFailure(e, timeoutMs), what);
  }
}

/** One adapter's request plumbing: its kubeconfig, per-call options (a fresh timeout, the
 * adapter's shared connection agent, a patch's Content-Type) and calls whose failures become
 * plain-words AppErrors. Each client-node adapter holds one. */
export class KubeRequests {
  readonly config: k8s.KubeConfig;
  private readonly agent = new SharedAgent();

  constructor(private readonly conn: KubeConnection) {
    this.config = loadKubeConfig(conn);
  }

  options(contentType?: string): k8s.ConfigurationOptions<k8s.ObservableMiddleware> {
    return timedOptions(this.conn.timeoutMs, contentType, this.agent);
  }

  call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return kubeCall(what, this.conn.timeoutMs, fn);
  }
}
