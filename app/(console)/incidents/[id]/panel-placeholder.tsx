/** Holds a panel's place while it streams in after the timeline (the page never waits for it). */
export function PanelPlaceholder({ label, className = "h-16" }: { label: string; className?: string }) {
  return (
    <div
      aria-busy="true"
      aria-label={label}
      className={`${className} animate-pulse rounded bg-zinc-100 dark:bg-zinc-900`}
    />
  );
}
