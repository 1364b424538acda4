"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { PermissionGate } from "@/components/permission-gate";

import { startPlaybookAction } from "../actions";

/** Starts the guide on one open incident, then opens the incident; a refusal is shown here. */
export function StartGuideButton({
  incidentId,
  playbookId,
  label,
}: {
  incidentId: number;
  playbookId: string;
  label: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="mr-2 inline-block">
      <PermissionGate permission="incident:write" compact>
        <button
          type="button"
          disabled={pending}
          className="rounded bg-sev-1/20 px-2 py-1 disabled:opacity-50"
          onClick={() =>
            start(async () => {
              setError(null);
              const result = await startPlaybookAction({ incidentId, playbookId });
              if (result.ok) router.push(`/incidents/${incidentId}`);
              else setError(result.error);
            })
          }
        >
          {label}
        </button>
      </PermissionGate>
      {error ? (
        <span role="alert" className="ml-2 text-sev-0">
          {error}
        </span>
      ) : null}
    </span>
  );
}
