import type { PodUsage, PodView, RevisionView } from "@/lib/kube/cluster";

/** Compact, readable evidence of a read step (kept on the timeline and shown in the step). */
export type ReadEvidence = { lines: string[]; text: string };

type History = { current: number | null; revisions: Array<Omit<RevisionView, "template">> };

export function historyEvidence(h: History, limit = 5): ReadEvidence {
  const revs = [...h.revisions].sort((a, b) => b.revision - a.revision).slice(0, limit);
  const lines = revs.map(
    (r) =>
      `rev ${r.revision}${r.revision === h.current ? " (current)" : ""}: ${r.images.join(", ")}${r.changeCause ? ` — ${r.changeCause}` : ""}`,
  );
  return { lines, text: `current revision ${h.current ?? "?"}; last ${revs.length} revisions` };
}

export function podsEvidence(pods: PodView[]): ReadEvidence {
  const lines = pods.map((p) => {
    const bad = p.conditions.filter((c) => c.status !== "True").map((c) => `${c.type}=${c.status}`);
    return `${p.name}: ${p.phase}, ${p.ready ? "ready" : "not ready"}, ${p.restarts} restarts${bad.length ? `, ${bad.join(" ")}` : ""}`;
  });
  const restarts = pods.reduce((n, p) => n + p.restarts, 0);
  const notReady = pods.filter((p) => !p.ready).length;
  return { lines, text: `${pods.length} pods, ${notReady} not ready, ${restarts} restarts` };
}

export function usageEvidence(u: PodUsage): ReadEvidence {
  if (!u.available) return { lines: [], text: `pod usage unavailable: ${u.reason}` };
  return {
    lines: u.pods.map((p) => `${p.name}: cpu ${p.cpu}, memory ${p.memory}`),
    text: `${u.pods.length} pods measured`,
  };
}

export function errorLogEvidence(
  lines: Array<{ pod: string; text: string }>,
  sinceMinutes: number,
  limit?: number,
) {
  const shown = limit ? lines.slice(-limit) : lines;
  return {
    lines: shown.map((l) => `${l.pod}: ${l.text}`),
    text: `${lines.length} error lines since ${sinceMinutes} min${limit && lines.length > limit ? ` (last ${limit} shown)` : ""}`,
  };
}
