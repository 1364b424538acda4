/** The action kinds and their plain limits, without the request validation (./schemas.ts): client
 * components import these and so ship no validation library. */
export const ACTION_KINDS = ["rollback", "undo", "scale", "restart", "containment", "switch"] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_LABELS: Record<ActionKind, string> = {
  rollback: "Emergency rollback",
  undo: "Rollout undo",
  scale: "Scale",
  restart: "Restart",
  containment: "Security containment",
  switch: "Traffic switch",
};

/** Where a traffic switch points the Service's selector label (runbook 001 · Deployment
 * Procedures: `version=new` in the standard deployment, lines 247-251; `version=emergency` in
 * the emergency deployment, lines 281-284). */
export const SWITCH_TARGETS = ["new", "emergency"] as const;
export type SwitchTarget = (typeof SWITCH_TARGETS)[number];

/** Upper bound on a scale request; the runbook's "scale up for high load" uses 10 (seed 001). */
export const MAX_REPLICAS = 100;
