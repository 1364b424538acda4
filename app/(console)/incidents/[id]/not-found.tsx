import Link from "next/link";

export default function IncidentNotFound() {
  return (
    <section className="max-w-xl space-y-2">
      <h1 className="text-xl font-semibold">Incident not found</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        There is no incident with this id. It may have been mistyped.
      </p>
      <Link href="/incidents" className="text-sm underline">
        Back to incidents
      </Link>
    </section>
  );
}
