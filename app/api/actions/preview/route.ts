import { NextResponse, type NextRequest } from "next/server";

import { toFailure } from "@/lib/server-action";
import { previewAction } from "@/lib/remediation/preview";
import { actionRequestSchema } from "@/lib/remediation/schemas";

export const dynamic = "force-dynamic";

/** The confirm dialog's dry run: GET, because nothing changes (dryRun=All). */
export async function GET(request: NextRequest) {
  const parsed = actionRequestSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: "Invalid action request." }, { status: 400 });
  try {
    return NextResponse.json(await previewAction(parsed.data));
  } catch (e) {
    return NextResponse.json({ error: toFailure(e).error }, { status: 502 });
  }
}
