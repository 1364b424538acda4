"use client";

import { useActionState } from "react";

import { fieldError, type FormState } from "@/lib/incidents/form-state";
import { SEVERITIES, SEVERITY_LEVELS, type Severity } from "@/lib/runbook/sev-levels";
import { FieldError, FormMessage, INPUT_CLASS, LABEL_CLASS, SubmitButton } from "@/components/form-bits";
import { changeSeverityAction } from "./actions";

export function SeverityForm({ incidentId, current }: { incidentId: number; current: Severity }) {
  const [state, action] = useActionState<FormState | null, FormData>(changeSeverityAction, null);
  const values = state && !state.ok ? state.values : undefined;
  const firstOther = SEVERITIES.find((s) => s !== current)!;
  return (
    <form
      key={current}
      action={action}
      noValidate
      aria-label="Change severity"
      className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <h3 className="text-sm font-semibold">Severity</h3>
      <input type="hidden" name="incidentId" value={incidentId} />
      <label htmlFor="severity-to" className={LABEL_CLASS}>
        Change to
      </label>
      <select
        id="severity-to"
        name="to"
        defaultValue={values?.to ?? firstOther}
        aria-describedby="severity-to-error"
        className={INPUT_CLASS}
      >
        {SEVERITIES.filter((s) => s !== current).map((s) => (
          <option key={s} value={s}>
            {SEVERITY_LEVELS[s].label} · {SEVERITY_LEVELS[s].name} (respond{" "}
            {SEVERITY_LEVELS[s].responseTarget})
          </option>
        ))}
      </select>
      <FieldError id="severity-to-error" message={fieldError(state, "to")} />
      <label htmlFor="severity-reason" className={LABEL_CLASS}>
        Reason <span className="font-normal text-zinc-500">(optional)</span>
      </label>
      <input id="severity-reason" name="reason" defaultValue={values?.reason ?? ""} className={INPUT_CLASS} />
      <FieldError id="severity-reason-error" message={fieldError(state, "reason")} />
      {state && !state.ok && !state.fieldErrors ? <FormMessage state={state} /> : null}
      <SubmitButton>Change severity</SubmitButton>
    </form>
  );
}
