import Link from "next/link";

import { listOpenIncidentsForService } from "@/lib/incidents/queries";
import { sevLabel, type Severity } from "@/lib/runbook/sev-levels";

import { StartGuideButton } from "./start-guide-button";

/** From the overview's "Start <guide>": start it on one of the service's open incidents. */
export async function StartOnIncident({ playbookId, service }: { playbookId: string; service: string }) {
  const open = await listOpenIncidentsForService(service);
  return (
    <section
      aria-label="Start on an incident"
      className="rounded border border-zinc-300 p-2 text-sm dark:border-zinc-700"
    >
      {open.length === 0 ? (
        <p>
          {service} has no open incident.{" "}
          <Link href="/dashboards" className="underline">
            Declare one from the overview
          </Link>{" "}
          first; its page then offers this guide.
        </p>
      ) : (
        open.map((i) => (
          <StartGuideButton
            key={i.id}
            incidentId={i.id}
            playbookId={playbookId}
            label={`Start on incident #${i.id} (${sevLabel(i.severity as Severity)}, ${service})`}
          />
        ))
      )}
    </section>
  );
}
