import { AppError } from "@/lib/errors";

/** What the adapter knows about a failed call, independent of the HTTP library. */
export type KubeFailure =
  | { kind: "status"; status: number; message?: string }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "unreachable"; detail: string };

/** Turns a failed Kubernetes call into an AppError whose message a responder can act on.
 * `what` names the operation, e.g. "patch service default/api-optimizer". */
export function kubeFailureToError(failure: KubeFailure, what: string): AppError {
  if (failure.kind === "timeout") {
    return new AppError(
      "TIMEOUT",
      `Kubernetes did not answer within ${Math.round(failure.timeoutMs / 100) / 10} s (${what}).`,
    );
  }
  if (failure.kind === "unreachable") {
    return new AppError(
      "UNAVAILABLE",
      `The Kubernetes API is unreachable (${what}: ${failure.detail}). Check the kubeconfig/VPN, then retry.`,
    );
  }
  const detail = failure.message ? `: ${failure.message}` : "";
  const s = failure.status;
  if (s === 401)
    return new AppError("FORBIDDEN", `Kubernetes rejected the credentials (401, ${what}). Log in again.`);
  if (s === 403)
    return new AppError(
      "FORBIDDEN",
      `Your Kubernetes credentials are not allowed to ${what} (403)${detail}.`,
    );
  if (s === 404) return new AppError("NOT_FOUND", `Not found in Kubernetes: ${what} (404)${detail}.`);
  if (s === 409)
    return new AppError(
      "CONFLICT",
      `Someone else changed the object first (409 conflict, ${what}). Nothing was changed by you; reload and retry.`,
    );
  if (s === 422)
    return new AppError(
      "CONFLICT",
      `Kubernetes refused the change as invalid or out of date (422, ${what})${detail}. ` +
        "Nothing was changed; reload and retry.",
    );
  if (s >= 500) return new AppError("UPSTREAM_FAILED", `The Kubernetes API failed (${s}, ${what})${detail}.`);
  return new AppError("UPSTREAM_FAILED", `Kubernetes answered ${s} (${what})${detail}.`);
}

/** Extracts `message` from a Kubernetes `Status` body (JSON string or object). */
export function statusMessage(body: unknown): string | undefined {
  let value: unknown = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body);
    } catch {
      return body.trim().slice(0, 200) || undefined;
    }
  }
  const message = (value as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message.slice(0, 300) : undefined;
}
