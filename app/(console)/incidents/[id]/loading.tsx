export default function IncidentLoading() {
  return (
    <div aria-busy="true" aria-label="Loading incident" className="space-y-3">
      <div className="h-5 w-48 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-7 w-2/3 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-2">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="h-16 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
          ))}
        </div>
        <div className="h-64 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      </div>
    </div>
  );
}
