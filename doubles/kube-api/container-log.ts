// Logs of containers the double really runs (Job pods, container-runtime.ts): each stdout/stderr line as the
// process wrote it, with a unique, increasing RFC 3339 nanosecond timestamp, as the kubelet keeps them. They
// live as long as the pod; `follow` ends when the container exits, as on a real node.

export type LogEntry = { ns: bigint; text: string };

export class CapturedLog {
  readonly entries: LogEntry[] = [];
  ended = false;
  private listeners = new Set<(e: LogEntry | null) => void>();
  private lastNs = 0n;

  append(text: string): void {
    let ns = BigInt(Date.now()) * 1_000_000n;
    if (ns <= this.lastNs) ns = this.lastNs + 1n;
    this.lastNs = ns;
    const entry = { ns, text };
    this.entries.push(entry);
    for (const l of this.listeners) l(entry);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const l of this.listeners) l(null);
  }

  /** Called with each new line, then with null when the container has exited. */
  subscribe(listener: (e: LogEntry | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const logs = new Map<string, CapturedLog>(); // `${pod uid}/${container}`

export function capturedLog(podUid: string | undefined, container: string): CapturedLog | undefined {
  return podUid ? logs.get(`${podUid}/${container}`) : undefined;
}

export function openCapturedLog(podUid: string, container: string): CapturedLog {
  const log = new CapturedLog();
  logs.set(`${podUid}/${container}`, log);
  return log;
}

/** A deleted pod's logs are gone, as on a real node. */
export function dropCapturedLogs(podUid: string): void {
  for (const key of [...logs.keys()]) {
    if (!key.startsWith(`${podUid}/`)) continue;
    logs.get(key)?.end();
    logs.delete(key);
  }
}

export function rfc3339Nano(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const frac = String(ns % 1_000_000_000n).padStart(9, "0");
  return `${new Date(ms).toISOString().slice(0, 19)}.${frac}Z`;
}

export type CapturedLogOptions = {
  sinceSeconds?: number;
  sinceTime?: string;
  tailLines?: number;
  timestamps?: boolean;
  limitBytes?: number;
  now: Date;
};

export function formatEntry(e: LogEntry, timestamps: boolean | undefined): string {
  return `${timestamps ? `${rfc3339Nano(e.ns)} ` : ""}${e.text}\n`;
}

/** The log so far with kubectl's query options applied. */
export function renderCapturedLog(log: CapturedLog, o: CapturedLogOptions): string {
  let from = 0n;
  if (o.sinceSeconds !== undefined) from = BigInt(o.now.getTime() - o.sinceSeconds * 1000) * 1_000_000n;
  if (o.sinceTime) from = BigInt(Date.parse(o.sinceTime)) * 1_000_000n;
  let kept = log.entries.filter((e) => e.ns >= from);
  if (o.tailLines !== undefined) kept = kept.slice(Math.max(0, kept.length - o.tailLines));
  const text = kept.map((e) => formatEntry(e, o.timestamps)).join("");
  return o.limitBytes !== undefined ? Buffer.from(text).subarray(0, o.limitBytes).toString("utf8") : text;
}
