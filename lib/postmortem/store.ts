import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError, guardDb } from "@/lib/errors";
import { getIncidentOrThrow } from "@/lib/incidents/queries";

export type PostmortemVersionView = { version: number; savedBy: string; savedAt: Date; chars: number };
export const MAX_POSTMORTEM_CHARS = 200_000;

/** Saves the text as the incident's next version (1, 2, 3 …); versions are never changed. Two
 * saves at once both land, one after the other (the unique (incident, version) key decides). */
export async function savePostmortemVersion(
  incidentId: number,
  markdown: string,
  actor: { name: string },
): Promise<{ version: number }> {
  if (markdown.length > MAX_POSTMORTEM_CHARS)
    throw new AppError(
      "INVALID_INPUT",
      `A postmortem is at most ${MAX_POSTMORTEM_CHARS.toLocaleString("en-US")} characters.`,
    );
  await getIncidentOrThrow(incidentId);
  for (let attempt = 0; ; attempt++) {
    try {
      return await guardDb(() =>
        getDb().$transaction(async (tx) => {
          const last = await tx.postmortemVersion.findFirst({
            where: { incidentId },
            orderBy: { version: "desc" },
            select: { version: true },
          });
          const version = (last?.version ?? 0) + 1;
          await tx.postmortemVersion.create({ data: { incidentId, version, markdown, savedBy: actor.name } });
          return { version };
        }),
      );
    } catch (e) {
      if ((e as { code?: string }).code !== "P2002" || attempt >= 5) throw e;
    }
  }
}

export async function listPostmortemVersions(incidentId: number): Promise<PostmortemVersionView[]> {
  const rows = await guardDb(
    () =>
      getDb().$queryRaw<Array<{ version: number; savedBy: string; savedAt: Date; chars: number }>>`
      SELECT version, saved_by AS "savedBy", saved_at AS "savedAt", length(markdown)::int AS chars
      FROM postmortem_versions WHERE incident_id = ${incidentId} ORDER BY version DESC`,
  );
  return rows;
}

/** One saved version (the latest when `version` is omitted), or null when none is saved. */
export async function getPostmortemVersion(
  incidentId: number,
  version?: number,
): Promise<{ version: number; markdown: string; savedBy: string; savedAt: Date } | null> {
  return guardDb(() =>
    getDb().postmortemVersion.findFirst({
      where: { incidentId, ...(version ? { version } : {}) },
      orderBy: { version: "desc" },
      select: { version: true, markdown: true, savedBy: true, savedAt: true },
    }),
  );
}
