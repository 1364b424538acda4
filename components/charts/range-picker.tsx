import Link from "next/link";
import { clsx } from "clsx";

import { RANGE_KEYS, RANGE_LABELS, type RangeKey } from "@/lib/dashboards/ranges";

/** Time-range picker: plain links, so the range is in the URL and survives a reload. */
export function RangePicker({
  current,
  hrefFor,
}: {
  current: RangeKey;
  hrefFor: (range: RangeKey) => string;
}) {
  return (
    <nav aria-label="Time range" className="flex flex-wrap gap-1">
      {RANGE_KEYS.map((r) => (
        <Link
          key={r}
          href={hrefFor(r)}
          aria-current={r === current ? "true" : undefined}
          className={clsx(
            "rounded border px-2 py-0.5 text-sm",
            r === current
              ? "border-zinc-400 bg-zinc-200 font-medium dark:border-zinc-600 dark:bg-zinc-800"
              : "border-zinc-200 text-zinc-600 hover:bg-zinc-100 dark:border-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-900",
          )}
        >
          {RANGE_LABELS[r]}
        </Link>
      ))}
    </nav>
  );
}
