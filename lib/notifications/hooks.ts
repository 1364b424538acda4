import "server-only";

import { onIncidentChanged } from "@/lib/incidents/change-hooks";
import { onIncidentDeclared } from "@/lib/incidents/declared-hooks";

import { incidentSnapshot, notify } from "./dispatch";
import type { NotifyEvent } from "./types";

/** Queues an incident's notifications after its change committed, without waiting: nothing
 * about delivery may slow or fail the write that triggered it. Returns the pending work (tests). */
export function notifyInBackground(
  incidentId: number,
  build: (i: NonNullable<Awaited<ReturnType<typeof incidentSnapshot>>>) => NotifyEvent,
) {
  return (async () => {
    try {
      const incident = await incidentSnapshot(incidentId);
      if (incident) await notify(build(incident));
    } catch (e) {
      console.error(`[notifications] could not queue the notifications of incident ${incidentId}`, e);
    }
  })();
}

onIncidentDeclared("notifications", async (incidentId, actor) => {
  void notifyInBackground(incidentId, (incident) => ({ type: "declared", incident, actor: actor.name }));
});

onIncidentChanged("notifications", async (change) => {
  void notifyInBackground(change.incidentId, (incident) =>
    change.type === "status"
      ? {
          type: "status",
          incident,
          actor: change.actor,
          from: change.from,
          to: change.to,
          reason: change.reason,
        }
      : { type: "containment", incident, actor: change.actor, detail: change.detail },
  );
});
