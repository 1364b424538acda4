"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";

import {
  FieldError,
  FormMessage,
  INPUT_CLASS,
  LABEL_CLASS,
  SubmitButton,
  TextField,
} from "@/components/form-bits";
import { METRICS, METRIC_KEYS } from "@/lib/runbook/catalog";
import type { WatchedService } from "@/lib/services/schema";

import type { ServiceFormResult } from "./actions";

type Action = (prev: ServiceFormResult | null, form: FormData) => Promise<ServiceFormResult>;

/** Add/edit a service under watch. Field names are the schema's paths so errors land beside fields. */
export function ServiceForm({ action, service }: { action: Action; service?: WatchedService }) {
  const [state, formAction] = useActionState(action, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push("/dashboards/services");
  }, [state, router]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  // After a refused submit, show what was typed (React resets a form to its defaultValues).
  const typed = state && !state.ok ? state.values : undefined;
  const initial = (name: string, fallback: string | undefined) =>
    typed ? (typed[name] ?? "") : (fallback ?? "");

  const field = (
    name: string,
    label: string,
    defaultValue: string | undefined,
    opts: { placeholder?: string; hint?: string; required?: boolean; ariaLabel?: string } = {},
  ) => {
    const id = `f-${name.replaceAll(".", "-")}`;
    return (
      <TextField
        id={id}
        name={name}
        label={label}
        defaultValue={initial(name, defaultValue)}
        error={errors[name]?.join(" ")}
        {...opts}
      />
    );
  };

  const select = (name: string, label: string, defaultValue: string, options: Array<[string, string]>) => {
    const id = `f-${name}`;
    const error = errors[name]?.join(" ");
    return (
      <div>
        <label htmlFor={id} className={LABEL_CLASS}>
          {label}
        </label>
        <select
          id={id}
          name={name}
          defaultValue={initial(name, defaultValue)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-error`}
          className={INPUT_CLASS}
        >
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-error`} message={error} />
      </div>
    );
  };

  return (
    <form
      action={formAction}
      className="max-w-3xl space-y-6"
      noValidate
      key={typed ? JSON.stringify(typed) : "initial"}
    >
      {service ? <input type="hidden" name="id" value={service.id} /> : null}
      <FormMessage state={state} />
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">Service</legend>
        {field("name", "Name", service?.name, { placeholder: "api-optimizer", required: true })}
        {select("metricsSource", "Metrics source", service?.metricsSource ?? "optimizer", [
          ["optimizer", "Optimizer endpoints (/metrics/performance …)"],
          ["prometheus", "Prometheus (one PromQL per metric)"],
        ])}
        {field("metricsBaseUrl", "Metrics base URL", service?.metricsBaseUrl, {
          placeholder: "http://127.0.0.1:18090",
          required: true,
        })}
        {field(
          "upstreamHealthUrl",
          "Upstream health URL (optional)",
          service?.upstreamHealthUrl ?? undefined,
          {
            placeholder: "http://upstream-service/health",
            hint: "Probed by the high error rate guide's upstream check (runbook 001 · High Error Rate Alert, step 5).",
          },
        )}
        {select("ratioUnit", "Ratio unit (declared, never guessed)", service?.ratioUnit ?? "", [
          ["", "Choose…"],
          ["percent", "percent (0–100), as the runbook"],
          ["fraction", "fraction (0–1)"],
        ])}
        <div className="flex items-center gap-2 sm:col-span-2">
          <input
            id="f-autoDeclare"
            type="checkbox"
            name="autoDeclare"
            defaultChecked={typed ? typed.autoDeclare === "on" : (service?.autoDeclare ?? false)}
          />
          <label htmlFor="f-autoDeclare" className="text-sm">
            Declare an incident automatically when this service reaches SEV-2 or worse
          </label>
        </div>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-2 font-semibold">Kubernetes</legend>
        {field("k8sContext", "Context", service?.k8s.context ?? undefined, {
          hint: "Empty = the kubeconfig's current context",
        })}
        {field("k8sNamespace", "Namespace", service?.k8s.namespace ?? "default")}
        {field("k8sDeployment", "Deployment", service?.k8s.deployment, { required: true })}
        {field("k8sService", "Service", service?.k8s.service, { required: true })}
        {field("selectorLabel", "Selector label", service?.k8s.selectorLabel ?? "version")}
        {field("stableValue", "Stable value", service?.k8s.stableValue ?? "stable")}
      </fieldset>
      <fieldset>
        <legend className="mb-2 font-semibold">Threshold overrides and PromQL</legend>
        <p className="mb-2 text-xs text-zinc-500">
          Empty = the runbook&apos;s threshold. PromQL is used only with the Prometheus source; ratios in the
          declared unit.
        </p>
        <FieldError id="f-promQueries-error" message={errors.promQueries?.join(" ")} />
        <div className="space-y-2">
          {METRIC_KEYS.map((key) => {
            const m = METRICS[key];
            return (
              <div key={key} className="grid gap-2 sm:grid-cols-[12rem_7rem_7rem_1fr]">
                <span className="pt-6 text-sm">
                  {m.label} <span className="text-zinc-500">({m.unit})</span>
                </span>
                {field(
                  `thresholdOverrides.${key}.warning`,
                  "Warning",
                  num(service?.thresholdOverrides[key]?.warning),
                  {
                    placeholder: m.warning === null ? "–" : String(m.warning),
                    ariaLabel: `${m.label} warning`,
                  },
                )}
                {field(
                  `thresholdOverrides.${key}.critical`,
                  "Critical",
                  num(service?.thresholdOverrides[key]?.critical),
                  {
                    placeholder: m.critical === null ? "–" : String(m.critical),
                    ariaLabel: `${m.label} critical`,
                  },
                )}
                {field(`promQueries.${key}`, "PromQL", service?.promQueries[key], {
                  ariaLabel: `${m.label} PromQL`,
                })}
              </div>
            );
          })}
        </div>
      </fieldset>
      <SubmitButton>{service ? "Save service" : "Add service"}</SubmitButton>
    </form>
  );
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? undefined : String(v));
