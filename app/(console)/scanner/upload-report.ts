import type { IngestState } from "./actions";

/** Sends the chosen file as the raw body of POST /api/scanner/reports (the route checks who is
 * calling before reading it, and refuses past the 20 MB limit); maps the answer to the state the
 * form shows. */
export async function uploadReport(file: File): Promise<IngestState> {
  let res: Response;
  try {
    res = await fetch(`/api/scanner/reports?name=${encodeURIComponent(file.name)}`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: file,
    });
  } catch {
    return { ok: false, error: "The upload did not reach Firebreak; nothing stored. Try again." };
  }
  const body = (await res.json().catch(() => null)) as {
    id?: number;
    error?: string;
    fieldErrors?: Record<string, string[]>;
  } | null;
  if (res.ok && typeof body?.id === "number") return { ok: true, data: { id: body.id } };
  return {
    ok: false,
    error: body?.error ?? `The upload failed (HTTP ${res.status}); nothing stored.`,
    fieldErrors: body?.fieldErrors,
  };
}
