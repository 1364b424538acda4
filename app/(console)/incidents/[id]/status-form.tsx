"use client";

import { useActionState, useState } from "react";

import { fieldError, type FormState } from "@/lib/incidents/form-state";
import { isJump, STATUS_LABELS, STATUSES, type IncidentStatus } from "@/lib/incidents/status";
import { FieldError, FormMessage, INPUT_CLASS, LABEL_CLASS, SubmitButton } from "@/components/form-bits";
import { changeStatusAction } from "./actions";

export function StatusForm({ incidentId, current }: { incidentId: number; current: IncidentStatus }) {
  const [state, action] = useActionState<FormState | null, FormData>(changeStatusAction, null);
  const next = STATUSES[STATUSES.indexOf(current) + 1] ?? STATUSES.find((s) => s !== current)!;
  // Uncontrolled: a choice made before hydration must not be overwritten by it.
  const [to, setTo] = useState<IncidentStatus>(next);
  const needsReason = isJump(current, to);
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form
      action={action}
      noValidate
      aria-label="Change status"
      className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <h3 className="text-sm font-semibold">Status</h3>
      <input type="hidden" name="incidentId" value={incidentId} />
      <label htmlFor="status-to" className={LABEL_CLASS}>
        Move to
      </label>
      <select
        id="status-to"
        name="to"
        defaultValue={next}
        onChange={(e) => setTo(e.target.value as IncidentStatus)}
        aria-describedby="status-to-error"
        className={INPUT_CLASS}
      >
        {STATUSES.filter((s) => s !== current).map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <FieldError id="status-to-error" message={fieldError(state, "to")} />
      <label htmlFor="status-reason" className={LABEL_CLASS}>
        Reason{" "}
        {needsReason ? (
          <span className="font-normal text-sev-1">(required: skipping or going back)</span>
        ) : (
          <span className="font-normal text-zinc-500">(optional)</span>
        )}
      </label>
      <textarea
        id="status-reason"
        name="reason"
        rows={2}
        defaultValue={values?.reason ?? ""}
        aria-invalid={Boolean(fieldError(state, "reason"))}
        aria-describedby="status-reason-error"
        className={INPUT_CLASS}
      />
      <FieldError id="status-reason-error" message={fieldError(state, "reason")} />
      {state && !state.ok && !state.fieldErrors ? <FormMessage state={state} /> : null}
      <SubmitButton>Change status</SubmitButton>
    </form>
  );
}
