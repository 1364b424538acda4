/** What the page says after a confirmed operation, pure. */
import { OPERATION_LABELS } from "./kinds";
import type { OperationResult } from "./run-op";

export function outcomeMessage({ op, repeat }: OperationResult): { message: string; failed: boolean } {
  const label = `${OPERATION_LABELS[op.kind]} #${op.id}`;
  if (repeat) {
    const state =
      op.outcome === "pending" ? "still running" : op.summary || op.error || "no summary recorded";
    return {
      message: `${label} was already confirmed (${op.outcome}): ${state}`,
      failed: op.outcome === "failed",
    };
  }
  if (op.outcome === "failed") return { message: `${label} FAILED — ${op.summary}`, failed: true };
  return { message: `${label} succeeded — ${op.summary}`, failed: false };
}
