"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { setAlertPolicyAction, silenceAlertAction, snapshotMonitoringAction } from "./actions";

const INPUT = "rounded border border-zinc-300 bg-transparent px-2 py-1 text-sm dark:border-zinc-700";
const BUTTON =
  "rounded bg-zinc-900 px-2 py-1 text-sm text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900";

function Outcome({ error, done }: { error: string | null; done: string | null }) {
  if (error)
    return (
      <p role="alert" className="text-sm text-sev-0">
        {error}
      </p>
    );
  return done ? <p className="text-sm text-emerald-700 dark:text-emerald-400">{done}</p> : null;
}

/** Silence one alert's label set in Alertmanager as yourself, with a reason. */
export function SilenceForm({
  alertId,
  alertname,
  disabledReason,
}: {
  alertId: number;
  alertname: string;
  disabledReason: string | null;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (disabledReason) return <span className="text-xs text-zinc-500">{disabledReason}</span>;
  return (
    <form
      aria-label={`Silence ${alertname}`}
      className="flex flex-wrap items-center gap-1"
      action={(fd) =>
        start(async () => {
          setError(null);
          const r = await silenceAlertAction(fd);
          if (!r.ok)
            return setError(r.fieldErrors ? Object.values(r.fieldErrors).flat().join("; ") : r.error);
          setDone(`Silenced (${r.data.silenceId.slice(0, 8)})`);
          router.refresh();
        })
      }
    >
      <input type="hidden" name="alertId" value={alertId} />
      <select name="minutes" defaultValue="60" aria-label="Silence for" className={INPUT}>
        <option value="30">30 min</option>
        <option value="60">1 h</option>
        <option value="240">4 h</option>
      </select>
      <input name="comment" aria-label="Reason" placeholder="Why?" required minLength={3} className={INPUT} />
      <button type="submit" disabled={pending} className={BUTTON}>
        Silence
      </button>
      <Outcome error={error} done={done} />
    </form>
  );
}

export function PolicySelect({
  serviceId,
  name,
  policy,
  disabledReason,
}: {
  serviceId: number;
  name: string;
  policy: string;
  disabledReason: string | null;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <select
        aria-label={`Alert policy for ${name}`}
        defaultValue={policy}
        disabled={pending || disabledReason !== null}
        title={disabledReason ?? undefined}
        className={INPUT}
        onChange={(e) => {
          const next = e.target.value;
          start(async () => {
            setError(null);
            const r = await setAlertPolicyAction({ serviceId, policy: next });
            if (!r.ok) setError(r.error);
            router.refresh();
          });
        }}
      >
        <option value="record">Record only</option>
        <option value="attach">Attach to the open incident</option>
        <option value="declare">Attach, or declare at the alert&apos;s SEV</option>
      </select>
      {disabledReason ? <span className="ml-2 text-xs text-zinc-500">{disabledReason}</span> : null}
      <Outcome error={error} done={null} />
    </div>
  );
}

/** runbook 001 · Backup and Recovery: monitoring data backup (Prometheus TSDB snapshot). */
export function SnapshotButton({ disabledReason }: { disabledReason: string | null }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={BUTTON}
        disabled={pending || disabledReason !== null}
        title={disabledReason ?? undefined}
        onClick={() =>
          start(async () => {
            setError(null);
            const r = await snapshotMonitoringAction({});
            if (r.ok) setDone(`Snapshot ${r.data.snapshot} written on the Prometheus server`);
            else setError(r.error);
          })
        }
      >
        {pending ? "Taking snapshot…" : "Back up monitoring data (TSDB snapshot)"}
      </button>
      {disabledReason ? <span className="text-xs text-zinc-500">{disabledReason}</span> : null}
      <Outcome error={error} done={done} />
    </div>
  );
}
