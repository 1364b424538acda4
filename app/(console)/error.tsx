"use client";

export default function ConsoleError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const unreachable = /database|ECONNREFUSED|connect/i.test(error.message);
  return (
    <section role="alert" className="max-w-xl rounded border border-red-500/40 bg-red-500/10 p-4">
      <h2 className="font-semibold">
        {unreachable ? "The database is unreachable" : "This page failed to load"}
      </h2>
      <p className="mt-2 text-sm">
        {unreachable
          ? "Firebreak cannot reach its database right now. Nothing you entered was lost; retry in a moment."
          : "An unexpected error occurred. Retry, and if it persists check the server logs"}
        {error.digest ? ` (ref ${error.digest})` : ""}.
      </p>
      <button type="button" onClick={reset} className="mt-3 rounded border px-3 py-1 text-sm">
        Retry
      </button>
    </section>
  );
}
