import "server-only";

import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getIncidentOrThrow } from "@/lib/incidents/queries";

import { listIncidentCharts } from "./charts";
import { generatePostmortem, mergeEditableSections } from "./markdown";
import { loadPostmortemData } from "./sources";
import { getPostmortemVersion } from "./store";
import type { PostmortemData } from "./types";

export type Postmortem = {
  markdown: string;
  /** The saved version shown, or null for a fresh draft. */
  version: number | null;
  savedBy: string | null;
  savedAt: Date | null;
};

/** What the page and the download show: a saved version when one is asked for or exists, else a
 * draft generated now. `regenerate` makes a fresh draft that keeps the latest version's written
 * sections. */
export async function getPostmortem(
  incidentId: number,
  opts: { version?: number; regenerate?: boolean; charts?: PostmortemData["charts"] } = {},
): Promise<Postmortem> {
  const saved = await getPostmortemVersion(incidentId, opts.version);
  if (opts.version && !saved)
    throw new AppError("NOT_FOUND", `Version ${opts.version} of this postmortem does not exist.`);
  if (saved && !opts.regenerate)
    return {
      markdown: saved.markdown,
      version: saved.version,
      savedBy: saved.savedBy,
      savedAt: saved.savedAt,
    };
  // Chart images by absolute URL when the console's public URL is known (the .md travels).
  const charts =
    opts.charts ??
    (await listIncidentCharts(
      incidentId,
      (await getIncidentOrThrow(incidentId)).service,
      getEnv().FIREBREAK_URL ?? "",
    ));
  const generated = generatePostmortem(await loadPostmortemData(incidentId, charts), new Date());
  return {
    markdown: mergeEditableSections(generated, saved?.markdown ?? null),
    version: null,
    savedBy: null,
    savedAt: null,
  };
}
