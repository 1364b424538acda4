export default function IncidentsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading incidents" className="space-y-3">
      <div className="h-7 w-40 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-14 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-12 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      ))}
    </div>
  );
}
