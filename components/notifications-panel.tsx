import { Suspense } from "react";

import { LocalTime } from "@/components/local-time";
import { deliveryStateText, listIncidentDeliveries } from "@/lib/notifications/queries";

/** Who was told about this incident: each notification with every attempt (sent / failed: status
 * code). Read on each page load behind its own boundary; the channel's URL is never part of it. */
export function NotificationsPanel({ incidentId }: { incidentId: number }) {
  return (
    <Suspense fallback={null}>
      <NotificationsList incidentId={incidentId} />
    </Suspense>
  );
}

async function NotificationsList({ incidentId }: { incidentId: number }) {
  const deliveries = await listIncidentDeliveries(incidentId).catch(() => null);
  if (deliveries === null) return <p className="text-sm text-zinc-500">Notifications could not be read.</p>;
  if (deliveries.length === 0) return null;
  return (
    <section aria-labelledby="notifications-heading" className="space-y-2 rounded border p-3 text-sm">
      <h2 id="notifications-heading" className="font-semibold">
        Notifications
      </h2>
      <ul className="space-y-1">
        {deliveries.map((d) => (
          <li key={d.id} aria-label={`Notification to ${d.channel}: ${deliveryStateText(d)}`}>
            <span className="font-medium">{d.channel}</span> · {d.event} ·{" "}
            <span
              className={d.status === "failed" ? "text-red-600" : d.status === "sent" ? "text-green-700" : ""}
            >
              {deliveryStateText(d)}
            </span>{" "}
            <LocalTime iso={d.createdAt.toISOString()} timeOnly className="text-xs text-zinc-500" />
            {d.attempts.length > 1 && (
              <span className="block text-xs text-zinc-500">
                {d.attempts
                  .map(
                    (a) =>
                      `#${a.attempt} ${a.outcome}${a.statusCode ? ` ${a.statusCode}` : a.error ? ` (${a.error})` : ""}`,
                  )
                  .join(", ")}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
