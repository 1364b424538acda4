import "server-only";

import * as k8s from "@kubernetes/client-node";

import { toFailure } from "./client-node-shapes";
import { kubeFailureToError } from "./errors";
import { kubeConfigFor } from "./impersonating-kube-config";
import type { KubeIdentity } from "./impersonation";

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

/** Per-call options: a fresh timeout signal, plus the Content-Type (a patch's) when given. */
export function timedOptions(
  timeoutMs: number,
  contentType?: string,
): k8s.ConfigurationOptions<k8s.ObservableMiddleware> {
  const base = k8s.setHeaderMiddleware("X-Firebreak-Client", "client-node");
  const withTimeout: k8s.ObservableMiddleware = {
    pre: (request) => {
      request.setSignal(AbortSignal.timeout(timeoutMs));
      return base.pre(request);
    },
    post: (response) => base.post(response),
  };
  const opts = { middleware: [withTimeout], middlewareMergeStrategy: "append" as const };
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
