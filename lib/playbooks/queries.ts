import "server-only";

import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { getServiceByName } from "@/lib/services/queries";

import { offersFor, type Offers } from "./offers";
import { listRuns } from "./store";
import { toRunView, type RunView } from "./view";

export type IncidentPlaybooks = {
  runs: RunView[];
  offers: Offers;
  now: string;
  /** Checks can probe the service: it is under watch. Auto-run steps wait for a person otherwise. */
  serviceWatched: boolean;
};

/** Everything the step list shows for an incident: its runs (active first) and the offers. */
export async function getIncidentPlaybooks(incidentId: number): Promise<IncidentPlaybooks> {
  const incident = await getIncidentOrThrow(incidentId);
  const now = new Date();
  const runs = (await listRuns(incidentId)).map((r) => toRunView(r, now));
  runs.sort((a, b) => Number(b.status === "active") - Number(a.status === "active") || a.id - b.id);
  const [offers, service] = await Promise.all([
    offersFor(incident, runs),
    getServiceByName(incident.service),
  ]);
  return { runs, offers, now: now.toISOString(), serviceWatched: service !== null };
}
