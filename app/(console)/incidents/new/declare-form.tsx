"use client";

import { clsx } from "clsx";
import { useActionState, useState } from "react";

import { fieldError, type FormState } from "@/lib/incidents/form-state";
import { SEVERITIES, SEVERITY_LEVELS, type Severity } from "@/lib/runbook/sev-levels";
import {
  FieldError,
  FormMessage,
  INPUT_CLASS,
  LABEL_CLASS,
  SubmitButton,
  TextField,
} from "@/components/form-bits";
import { declareIncidentAction } from "../actions";

type Defaults = { title: string; severity: string; service: string; summary: string; commander?: string };

export function DeclareForm({ defaults }: { defaults: Defaults }) {
  const [state, action] = useActionState<FormState<{ id: number }> | null, FormData>(
    declareIncidentAction,
    null,
  );
  const values = { ...defaults, ...(state && !state.ok ? state.values : {}) };
  const [chosen, setChosen] = useState(values.severity);
  const err = (f: string) => fieldError(state, f);
  const chosenLevel = SEVERITIES.find((s) => s === chosen) ? SEVERITY_LEVELS[chosen as Severity] : null;

  return (
    <form action={action} noValidate className="space-y-4">
      <FormMessage state={state} />
      <TextField
        id="title"
        name="title"
        label="Title"
        defaultValue={values.title}
        error={err("title")}
        placeholder="Checkout p95 latency over 50 ms"
        required
      />

      <fieldset aria-describedby="severity-error">
        <legend className={LABEL_CLASS}>Severity</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {SEVERITIES.map((s) => {
            const level = SEVERITY_LEVELS[s];
            return (
              <label
                key={s}
                className={clsx(
                  "flex cursor-pointer gap-2 rounded border p-2.5 text-sm",
                  chosen === s
                    ? "border-zinc-900 bg-zinc-100 dark:border-zinc-100 dark:bg-zinc-900"
                    : "border-zinc-300 dark:border-zinc-700",
                )}
              >
                <input
                  type="radio"
                  name="severity"
                  value={s}
                  defaultChecked={values.severity === s}
                  onChange={() => setChosen(s)}
                  className="mt-1"
                  aria-label={`${level.label} ${level.name}`}
                />
                <span>
                  <span className="font-semibold">{level.label}</span> · {level.name}
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">{level.definition}</span>
                  <span className="block text-xs">Response target: {level.responseTarget}</span>
                </span>
              </label>
            );
          })}
        </div>
        <FieldError id="severity-error" message={err("severity")} />
        {chosenLevel ? (
          <div
            role="note"
            aria-label="Runbook actions"
            className="mt-2 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800"
          >
            <p className="font-medium">
              {chosenLevel.label} — respond {chosenLevel.responseTarget}. Runbook actions:
            </p>
            <ol className="mt-1 list-decimal pl-5">
              {chosenLevel.actions.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ol>
          </div>
        ) : null}
      </fieldset>

      <TextField
        id="service"
        name="service"
        label="Affected service"
        defaultValue={values.service}
        error={err("service")}
        placeholder="api-optimizer"
        required
      />

      <TextField
        id="commander"
        name="commander"
        label="Incident commander"
        defaultValue={values.commander}
        error={err("commander")}
        hint="Leave empty to take command yourself."
      />

      <div>
        <label htmlFor="summary" className={LABEL_CLASS}>
          Summary <span className="font-normal text-zinc-500">(optional, Markdown)</span>
        </label>
        <textarea
          id="summary"
          name="summary"
          rows={4}
          defaultValue={values.summary}
          aria-invalid={Boolean(err("summary"))}
          aria-describedby="summary-error"
          className={INPUT_CLASS}
        />
        <FieldError id="summary-error" message={err("summary")} />
      </div>

      <SubmitButton pendingText="Declaring…" className="bg-sev-0! text-white!">
        Declare incident
      </SubmitButton>
    </form>
  );
}
