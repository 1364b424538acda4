/** Honest placeholder for a section whose capability has not shipped yet: no invented data. */
export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <section className="max-w-2xl">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        This capability is coming: {what}. Nothing here is live yet, so nothing is shown.
      </p>
    </section>
  );
}
