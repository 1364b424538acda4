"use client";

import { useActionState } from "react";

import { fieldError, type FormState } from "@/lib/incidents/form-state";
import { INCIDENT_ROLES, ROLE_LABELS } from "@/lib/incidents/roles";
import { FieldError, FormMessage, INPUT_CLASS, LABEL_CLASS, SubmitButton } from "@/components/form-bits";
import { assignRoleAction } from "./actions";

/** Roles of the runbook's Emergency Contacts table, assigned to people by name. */
export function RoleForm({ incidentId }: { incidentId: number }) {
  const [state, action] = useActionState<FormState | null, FormData>(assignRoleAction, null);
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form
      action={action}
      noValidate
      aria-label="Assign a role"
      className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <h3 className="text-sm font-semibold">Roles</h3>
      <input type="hidden" name="incidentId" value={incidentId} />
      <label htmlFor="role" className={LABEL_CLASS}>
        Role
      </label>
      <select
        id="role"
        name="role"
        defaultValue={values?.role ?? "incident_commander"}
        className={INPUT_CLASS}
      >
        {INCIDENT_ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <FieldError id="role-error" message={fieldError(state, "role")} />
      <label htmlFor="role-person" className={LABEL_CLASS}>
        Person
      </label>
      <input
        id="role-person"
        name="person"
        defaultValue={values?.person ?? ""}
        aria-invalid={Boolean(fieldError(state, "person"))}
        aria-describedby="role-person-error"
        className={INPUT_CLASS}
      />
      <FieldError id="role-person-error" message={fieldError(state, "person")} />
      {state && !state.ok && !state.fieldErrors ? <FormMessage state={state} /> : null}
      <SubmitButton>Assign role</SubmitButton>
    </form>
  );
}
