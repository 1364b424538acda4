import type { AccessCheck } from "./cluster";

/** The permission preview is advice, never a gate. "allowed" and "denied" are the API server's
 * own answers (SelfSubjectAccessReview); "unknown" means the review itself failed (not served,
 * forbidden, timed out), so the API server decides when the real request is sent. */
export type AccessAdvice = {
  state: "allowed" | "denied" | "unknown";
  allowed: boolean;
  reasons: string[];
  /** Whom the cluster sees: the impersonated user, or null for Firebreak's own account. */
  actingAs?: string | null;
};

export const COULD_NOT_CHECK = "Could not check; the API server will decide.";

export async function accessAdvice(checks: Array<Promise<AccessCheck>>): Promise<AccessAdvice> {
  const settled = await Promise.allSettled(checks);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    const why = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
    return { state: "unknown", allowed: false, reasons: [`${COULD_NOT_CHECK} (${why})`] };
  }
  const answers = settled.map((s) => (s as PromiseFulfilledResult<AccessCheck>).value);
  const allowed = answers.every((a) => a.allowed);
  return { state: allowed ? "allowed" : "denied", allowed, reasons: answers.map((a) => a.reason) };
}
