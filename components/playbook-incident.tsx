import { getIncidentPlaybooks } from "@/lib/playbooks/queries";
import { PlaybookPanel } from "@/components/playbook-panel";

/** Server side of the incident page's step list: the first render comes with the runs. */
export async function PlaybookIncident({ incidentId }: { incidentId: number }) {
  const initial = await getIncidentPlaybooks(incidentId);
  return <PlaybookPanel incidentId={incidentId} initial={JSON.parse(JSON.stringify(initial))} />;
}
