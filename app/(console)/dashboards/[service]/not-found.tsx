import Link from "next/link";

export default function ServiceDashboardNotFound() {
  return (
    <section className="max-w-2xl space-y-2">
      <h1 className="text-xl font-semibold">Service not under watch</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        No watched service has that name. See the{" "}
        <Link href="/dashboards" className="underline">
          overview
        </Link>{" "}
        or add it under{" "}
        <Link href="/dashboards/services" className="underline">
          Services under watch
        </Link>
        .
      </p>
    </section>
  );
}
