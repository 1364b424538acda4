/** A metric's line over the incident window as a standalone SVG image (pure, server-rendered): the
 * series with gaps where there was no data, the runbook's warning and critical lines, the
 * declaration and resolution marks, and the axis ends labelled. Text is escaped; no scripts. */
export type ChartInput = {
  title: string;
  unit: string;
  points: Array<{ t: number; v: number | null }>;
  from: number;
  to: number;
  warning: number | null;
  critical: number | null;
  marks: Array<{ t: number; label: string }>;
};

const W = 720;
const H = 240;
const PAD = { left: 56, right: 16, top: 28, bottom: 32 };

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function hhmm(t: number): string {
  return `${new Date(t).toISOString().slice(11, 16)} UTC`;
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function renderChartSvg(c: ChartInput): string {
  const values = c.points.map((p) => p.v).filter((v): v is number => v !== null);
  const lines = [c.warning, c.critical].filter((v): v is number => v !== null);
  const lo = Math.min(0, ...values, ...lines);
  let hi = Math.max(...values, ...lines, lo + 1);
  hi += (hi - lo) * 0.1;
  const span = Math.max(1, c.to - c.from);
  const x = (t: number) => PAD.left + ((t - c.from) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const segments: string[] = [];
  let current: string[] = [];
  for (const p of c.points) {
    if (p.v === null) {
      if (current.length) segments.push(current.join(" "));
      current = [];
    } else current.push(`${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`);
  }
  if (current.length) segments.push(current.join(" "));
  const threshold = (v: number | null, color: string, name: string) =>
    v === null
      ? ""
      : `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${color}" stroke-dasharray="6 4"/>` +
        `<text x="${W - PAD.right}" y="${(y(v) - 4).toFixed(1)}" text-anchor="end" fill="${color}">${name} ${fmt(v)} ${escapeXml(c.unit)}</text>`;
  const marks = c.marks
    .filter((m) => m.t >= c.from && m.t <= c.to)
    .map(
      (m) =>
        `<line x1="${x(m.t).toFixed(1)}" x2="${x(m.t).toFixed(1)}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#71717a"/>` +
        `<text x="${(x(m.t) + 3).toFixed(1)}" y="${PAD.top + 10}" fill="#52525b">${escapeXml(m.label)}</text>`,
    )
    .join("");
  const body = values.length
    ? segments.map((s) => `<polyline points="${s}" fill="none" stroke="#2563eb" stroke-width="2"/>`).join("")
    : `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#71717a">No samples in this window</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11" role="img" aria-label="${escapeXml(c.title)}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="16" font-size="13" font-weight="bold" fill="#18181b">${escapeXml(c.title)} (${escapeXml(c.unit)})</text>`,
    `<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#a1a1aa"/>`,
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}" stroke="#a1a1aa"/>`,
    `<text x="${PAD.left - 4}" y="${PAD.top + 4}" text-anchor="end" fill="#52525b">${fmt(hi)}</text>`,
    `<text x="${PAD.left - 4}" y="${H - PAD.bottom}" text-anchor="end" fill="#52525b">${fmt(lo)}</text>`,
    `<text x="${PAD.left}" y="${H - 12}" fill="#52525b">${hhmm(c.from)}</text>`,
    `<text x="${W - PAD.right}" y="${H - 12}" text-anchor="end" fill="#52525b">${hhmm(c.to)}</text>`,
    threshold(c.warning, "#d97706", "warning"),
    threshold(c.critical, "#dc2626", "critical"),
    marks,
    body,
    `</svg>`,
  ].join("");
}
