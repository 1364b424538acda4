import { clsx } from "clsx";

import { getIncidentPlaybooks } from "@/lib/playbooks/queries";
import { formatClock } from "@/lib/playbooks/view";

/** Commander review: each playbook step's time from declaration to done against its deadline
 * (runbook 001 · Incident Response Playbook: Step 1 < 2 min, Step 2 < 5 min, Step 3 < 15 min). */
export async function PlaybookReview({ incidentId }: { incidentId: number }) {
  const { runs } = await getIncidentPlaybooks(incidentId);
  if (runs.length === 0) return null;
  return (
    <section aria-labelledby="review-playbook" className="space-y-3">
      <h2 id="review-playbook" className="text-lg font-semibold">
        Playbook steps against their deadlines
      </h2>
      {runs.map((run) => (
        <table key={run.id} aria-label={`Step times of ${run.title}`} className="w-full text-sm">
          <caption className="text-left font-medium">
            {run.title} {run.status !== "active" ? `(${run.status})` : ""}
          </caption>
          <thead>
            <tr className="text-left text-xs text-zinc-500">
              <th className="py-1">Step</th>
              <th>State</th>
              <th>Done at</th>
              <th>Deadline</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {run.steps.map((s) => {
              const verdict =
                s.deadlineMs === null
                  ? "—"
                  : s.tookMs === null
                    ? s.overdue
                      ? "missed"
                      : "open"
                    : s.overdue
                      ? "late"
                      : "met";
              return (
                <tr
                  key={s.id}
                  data-testid="review-step"
                  className="border-t border-zinc-200 dark:border-zinc-800"
                >
                  <td className="py-1">{s.title}</td>
                  <td>{s.state}</td>
                  <td>{s.tookMs === null ? "—" : `T+${formatClock(s.tookMs)}`}</td>
                  <td>{s.deadlineMs === null ? "—" : `< ${formatClock(s.deadlineMs)}`}</td>
                  <td
                    className={clsx(
                      verdict === "met" && "text-ok",
                      (verdict === "late" || verdict === "missed") && "font-medium text-red-600",
                    )}
                  >
                    {verdict}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </section>
  );
}
