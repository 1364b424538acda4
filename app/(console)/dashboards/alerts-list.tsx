import type { OverviewAlerts } from "@/lib/dashboards/load-overview";

/** The service's own /alerts/active; a failed fetch says "alerts unavailable", never "none". */
export function AlertsList({ alerts }: { alerts: OverviewAlerts }) {
  if (alerts.ok === null) return <p className="text-xs text-zinc-500">Active alerts: {alerts.reason}.</p>;
  if (!alerts.ok) {
    return (
      <p className="text-sm text-sev-1" title={alerts.error}>
        Active alerts: alerts unavailable ({alerts.error})
      </p>
    );
  }
  if (alerts.items.length === 0) return <p className="text-sm text-zinc-500">Active alerts: none</p>;
  return (
    <div className="text-sm">
      <p className="text-zinc-500">Active alerts</p>
      <ul className="space-y-0.5" aria-label="Active alerts">
        {alerts.items.map((a) => (
          <li key={`${a.name}-${a.message}`}>
            <span
              className={
                a.severity === "critical" ? "mr-2 font-semibold text-sev-0" : "mr-2 font-semibold text-sev-2"
              }
            >
              {a.severity}
            </span>
            {a.name}: {a.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
