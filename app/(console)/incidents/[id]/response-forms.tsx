"use client";

import { useActionState } from "react";

import type { FormState } from "@/lib/incidents/form-state";
import type { IncidentStatus } from "@/lib/incidents/status";
import { FormMessage, SubmitButton } from "@/components/form-bits";
import { acknowledgeAction, changeStatusAction } from "./actions";

/** "I have the page": recorded on the timeline as an acknowledgement (it counts as the response). */
export function AcknowledgeForm({ incidentId }: { incidentId: number }) {
  const [state, action] = useActionState<FormState | null, FormData>(acknowledgeAction, null);
  return (
    <form action={action} aria-label="Acknowledge" className="space-y-1">
      <input type="hidden" name="incidentId" value={incidentId} />
      <SubmitButton pendingText="Acknowledging…">Acknowledge</SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

/** Offered after a verified rollback or a SEV clearing: moves the incident to Mitigated with that
 * evidence as the reason (a jump from Declared needs one). */
export function MarkMitigatedForm({
  incidentId,
  current,
  reason,
}: {
  incidentId: number;
  current: IncidentStatus;
  reason: string;
}) {
  const [state, action] = useActionState<FormState | null, FormData>(changeStatusAction, null);
  return (
    <form
      action={action}
      aria-label="Mark mitigated"
      className="space-y-1 rounded border border-ok/60 bg-ok/10 p-2 text-sm"
    >
      <p>
        {reason}. The incident is still {current === "declared" ? "Declared" : "Investigating"}.
      </p>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="to" value="mitigated" />
      <input type="hidden" name="reason" value={reason} />
      <SubmitButton pendingText="Marking…">Mark mitigated</SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
