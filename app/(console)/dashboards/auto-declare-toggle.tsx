"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useOptimistic, useState, useTransition } from "react";

import { metricKeys } from "@/lib/query-keys";
import { PermissionGate } from "@/components/permission-gate";

import { setAutoDeclareAction } from "./actions";

/** Per-service opt-in: declare automatically when the computed SEV reaches SEV-2 or worse. */
export function AutoDeclareToggle({
  serviceId,
  serviceName,
  enabled,
}: {
  serviceId: number;
  serviceName: string;
  enabled: boolean;
}) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  // Shows the new value at once; it settles on the server's value when the refetch lands.
  const [checked, setChecked] = useOptimistic(enabled);
  return (
    <div className="text-sm">
      <PermissionGate permission="service:write" compact>
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            checked={checked}
            disabled={pending}
            onChange={(e) => {
              const next = e.target.checked;
              startTransition(async () => {
                setChecked(next);
                setError(null);
                const result = await setAutoDeclareAction({ serviceId, enabled: next });
                if (!result.ok) setError(result.error);
                await queryClient.invalidateQueries({ queryKey: metricKeys.overview() });
              });
            }}
            aria-label={`Auto-declare incidents for ${serviceName}`}
          />
          Auto-declare at SEV-2 or worse
        </label>
      </PermissionGate>
      {error ? (
        <p role="alert" className="text-sev-0">
          {error}
        </p>
      ) : null}
    </div>
  );
}
