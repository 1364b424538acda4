/** Shown in place of incident data when the database cannot be reached: a clear state, not a crash. */
export function IncidentUnavailable({ message }: { message: string }) {
  return (
    <section role="alert" className="max-w-xl rounded border border-red-500/40 bg-red-500/10 p-4">
      <h2 className="font-semibold">The database is unreachable</h2>
      <p className="mt-2 text-sm">
        {message} Firebreak keeps trying; reload this page in a moment. Notes already saved are safe.
      </p>
    </section>
  );
}
