import { NextResponse } from "next/server";

import { toFailure } from "@/lib/server-action";
import { getRun } from "@/lib/remediation/store";

export const dynamic = "force-dynamic";

/** One action run, polled by the progress panel while verification runs. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0)
    return NextResponse.json({ error: "Invalid action id." }, { status: 400 });
  try {
    const run = await getRun(id);
    return run
      ? NextResponse.json(run)
      : NextResponse.json({ error: `Action #${id} does not exist.` }, { status: 404 });
  } catch (e) {
    return NextResponse.json({ error: toFailure(e).error }, { status: 503 });
  }
}
