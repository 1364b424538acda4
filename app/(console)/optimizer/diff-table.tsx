import type { DiffLine } from "@/lib/kube/diff";

const show = (v: unknown) =>
  v === null || v === undefined ? "(none)" : typeof v === "string" ? v : JSON.stringify(v);

/** Before → after, one row per changed key (Secret values arrive masked). */
export function DiffTable({ label, diff, empty }: { label: string; diff: DiffLine[]; empty: string }) {
  if (diff.length === 0) return <p aria-label={label}>{empty}</p>;
  return (
    <table aria-label={label} className="text-xs">
      <thead>
        <tr className="text-left">
          <th className="pr-4">Key</th>
          <th className="pr-4">Now</th>
          <th>After</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((d) => (
          <tr key={d.path}>
            <td className="pr-4 font-mono">{d.path}</td>
            <td className="pr-4 font-mono">{show(d.before)}</td>
            <td className="font-mono">{show(d.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
