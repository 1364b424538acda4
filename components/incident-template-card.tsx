import { TEMPLATE_NOTE_FIELDS } from "@/lib/incidents/note-fields";

/** The ApiHunter runbook's incident-notes template (seed 000), shown as a card. Values are plain text. */
export function IncidentTemplateCard({ fields }: { fields: Record<string, unknown> }) {
  return (
    <article
      aria-label="Incident notes (ApiHunter template)"
      className="rounded border border-sev-3/50 bg-sev-3/10 p-3"
    >
      <h4 className="mb-2 text-sm font-semibold">Incident notes · ApiHunter template</h4>
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {TEMPLATE_NOTE_FIELDS.map((f) => (
          <div key={f.key} className="contents">
            <dt className="font-medium text-zinc-600 dark:text-zinc-400">{f.label}</dt>
            <dd className="break-words whitespace-pre-wrap">{String(fields[f.key] ?? "—")}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
