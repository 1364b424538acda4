import { tableRows, type SeriesPoint } from "@/lib/dashboards/table-rows";

/** The chart's numbers as a table (newest first); gaps read "no data". */
export function SeriesTable({ title, unit, points }: { title: string; unit: string; points: SeriesPoint[] }) {
  const rows = tableRows(points, unit);
  return (
    <div className="max-h-72 overflow-auto rounded border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{title}</caption>
        <thead className="sticky top-0 bg-zinc-100 dark:bg-zinc-900">
          <tr>
            <th scope="col" className="px-2 py-1 font-medium">
              Time
            </th>
            <th scope="col" className="px-2 py-1 font-medium">{`${title} (${unit})`}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.t} className="border-t border-zinc-100 dark:border-zinc-900">
              <td className="px-2 py-0.5 font-mono text-xs">{r.time}</td>
              <td className={r.value === "no data" ? "px-2 py-0.5 text-zinc-500" : "px-2 py-0.5"}>
                {r.value}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
