import Link from "next/link";
import { clsx } from "clsx";

import { EVENT_KIND_LABELS, TIMELINE_EVENT_KINDS, type TimelineEventKind } from "@/lib/incidents/event-kinds";

/** Kind filter and pinned-only, as links (state in the URL). */
export function TimelineFilter(props: {
  incidentId: number;
  kinds: TimelineEventKind[];
  pinnedOnly: boolean;
}) {
  const base = `/incidents/${props.incidentId}`;
  const active = (on: boolean) =>
    clsx(
      "rounded-full border px-2.5 py-0.5 text-xs",
      on
        ? "border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900"
        : "border-zinc-300 dark:border-zinc-700",
    );
  const all = props.kinds.length === 0 && !props.pinnedOnly;
  return (
    <nav aria-label="Filter timeline" className="flex flex-wrap gap-1.5">
      <Link href={base} className={active(all)} aria-current={all ? "true" : undefined}>
        All
      </Link>
      <Link
        href={`${base}?pinned=1`}
        className={active(props.pinnedOnly)}
        aria-current={props.pinnedOnly ? "true" : undefined}
      >
        Pinned
      </Link>
      {TIMELINE_EVENT_KINDS.map((k) => {
        const on = props.kinds.length === 1 && props.kinds[0] === k && !props.pinnedOnly;
        return (
          <Link
            key={k}
            href={`${base}?kind=${k}`}
            className={active(on)}
            aria-current={on ? "true" : undefined}
          >
            {EVENT_KIND_LABELS[k]}
          </Link>
        );
      })}
    </nav>
  );
}
