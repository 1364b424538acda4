import type { Playbook, Step } from "@/lib/playbooks/schema";
import { formatClock } from "@/lib/playbooks/view";
import { ACTION_LABELS } from "@/lib/remediation/action-kinds";

function providerText(m: Extract<Step, { kind: "check" }>["metrics"][number]): string {
  if ("prometheus" in m.provider) return `PromQL ${m.provider.prometheus.query}`;
  const { url, jsonPath } = m.provider.web;
  return `GET ${url.replace("{{service.metricsBaseUrl}}", "")}${jsonPath ? ` ${jsonPath}` : " (status)"}`;
}

function StepBody({ step }: { step: Step }) {
  if (step.kind === "check")
    return (
      <ul className="list-disc pl-5">
        {step.metrics.map((m) => (
          <li key={m.name}>
            {m.label ?? m.name}: <code>{providerText(m)}</code>
            {m.failureCondition ? (
              <>
                {" "}
                · fails when <code>{m.failureCondition}</code>
              </>
            ) : null}
            {m.successCondition ? (
              <>
                {" "}
                · passes when <code>{m.successCondition}</code>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    );
  if (step.kind === "decision")
    return (
      <div>
        <p>
          Reads <code>{providerText(step.metric)}</code>, then the first rule that holds:
        </p>
        <ol className="list-decimal pl-5">
          {step.next.map((b, i) => (
            <li key={i}>
              when <code>{b.when}</code> → {b.say}
              {b.do ? ` (then: ${b.do})` : ""}
              {b.advice.length ? ` — ${b.advice.join("; ")}` : ""}
            </li>
          ))}
        </ol>
      </div>
    );
  if (step.kind === "read")
    return (
      <p>
        Shows the {step.view} view{step.sinceMinutes ? ` since ${step.sinceMinutes} min` : ""}
        {step.limit ? ` (last ${step.limit})` : ""}.
      </p>
    );
  if (step.kind === "action")
    return <p>Opens the {ACTION_LABELS[step.action]} dialog (dry run, kubectl, permission check).</p>;
  return <p>Ticked by a person, with who, when and an optional note or link.</p>;
}

/** A playbook as a readable runbook: steps, deadlines and their runbook sources. */
export function PlaybookReadable({ playbook }: { playbook: Playbook }) {
  return (
    <article className="space-y-3">
      <h1 className="text-xl font-semibold">{playbook.title}</h1>
      <p className="text-sm">{playbook.summary}</p>
      <p className="text-xs text-zinc-500">
        runbook {playbook.source.runbook} · {playbook.source.section} · lines {playbook.source.lines}
        {playbook.responseTarget ? ` · response target < ${formatClock(playbook.responseTarget)}` : ""}
      </p>
      {playbook.links.map((l) => (
        <a key={l.href} href={l.href} className="block text-sm underline">
          {l.label}
        </a>
      ))}
      <ol aria-label="Steps" className="space-y-2">
        {playbook.steps.map((s, i) => (
          <li key={s.id} className="rounded border border-zinc-200 p-2 text-sm dark:border-zinc-800">
            <p className="font-medium">
              {i + 1}. {s.title} <span className="text-xs font-normal text-zinc-500">{s.kind}</span>
              {(s.deadline ?? playbook.responseTarget) ? (
                <span className="ml-2 text-xs font-normal">
                  deadline {formatClock((s.deadline ?? playbook.responseTarget)!)} after declaration
                </span>
              ) : null}
            </p>
            <StepBody step={s} />
            <p className="text-xs text-zinc-500">
              runbook {s.source.runbook} · {s.source.section} · line {s.source.lines}
              {s.note ? ` — ${s.note}` : ""}
            </p>
          </li>
        ))}
      </ol>
    </article>
  );
}
