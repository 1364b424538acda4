/** Liveness probe (Playwright's webServer waits on it). No database, no cluster. */
export function GET() {
  return Response.json({ ok: true });
}
