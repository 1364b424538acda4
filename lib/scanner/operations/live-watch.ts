import "server-only";

import { existsSync } from "node:fs";
import { open } from "node:fs/promises";

import { getDb } from "@/lib/db/client";

import { applyLiveLine, EMPTY_LIVE, liveTriggers, snapshotOf, type LiveState } from "../rollout/live";
import { splitLines } from "../runner/progress";
import { fireTriggers } from "./trigger-store";

const POLL_MS = 250;

/** The `--output` path of an ApiHunter command line, if it streams NDJSON. */
export function streamedOutputPath(argv: readonly string[]): string | null {
  const i = argv.indexOf("--output");
  if (i < 0 || !argv.includes("--stream")) return null;
  const file = argv[i + 1] ?? null;
  // A Job's output goes to its pod log (`--output /dev/stdout`): never this process's own stdout.
  return file?.startsWith("/dev/") ? null : file;
}

/**
 * Watches a running scan's streamed output file (contract 1.5) and evaluates the rollback
 * triggers as lines arrive (lib/scanner/rollout/live.ts): a trigger fires on the scan row — and
 * on the linked incident's timeline — while the scan still runs. Reads only what was appended
 * since the last look. A runner whose output is not a local file (a cluster Job) is not watched
 * here: its triggers are evaluated when its report arrives.
 */
export class LiveTriggerWatch {
  private state: LiveState = EMPTY_LIVE;
  private offset = 0;
  private carry = "";
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> = Promise.resolve();
  private firing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly scanId: number,
    private readonly baseline: ReadonlySet<string> | null,
    private readonly previousNewHighCritical: number | null,
  ) {}

  start(file: string): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.reading = this.reading.then(() => this.read(file)).catch(() => undefined);
    }, POLL_MS);
  }

  /** Stops watching after a last read; resolves once every trigger found is stored. */
  async stop(file: string | null): Promise<LiveState> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (file) this.reading = this.reading.then(() => this.read(file)).catch(() => undefined);
    await this.reading;
    await this.firing;
    return this.state;
  }

  /** Folds lines into the live state (exposed for tests) and fires what they cross. */
  accept(lines: readonly string[]): void {
    const before = this.state;
    for (const line of lines) this.state = applyLiveLine(this.state, line, this.baseline);
    if (this.state === before) return;
    const now = liveTriggers(this.state, {
      previousNewHighCritical: this.previousNewHighCritical,
      operatorReports: 0,
    });
    if (now.length === 0) return;
    const fired = {
      firedAt: new Date().toISOString(),
      during: "streaming" as const,
      snapshot: snapshotOf(this.state),
    };
    this.firing = this.firing
      .then(() => fireTriggers(this.scanId, now, fired))
      .then(() =>
        getDb().scannerScan.update({
          where: { id: this.scanId },
          data: { newHighCritical: this.state.newHighKeys.size },
        }),
      )
      .catch((e) => console.error(`[scanner] live trigger on scan #${this.scanId} not stored`, e));
  }

  private async read(file: string): Promise<void> {
    if (!existsSync(/*turbopackIgnore: true*/ file)) return;
    const fh = await open(/*turbopackIgnore: true*/ file, "r");
    try {
      const buf = Buffer.alloc(256 * 1024);
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        const split = splitLines(this.carry, buf.subarray(0, bytesRead).toString("utf8"));
        this.carry = split.carry;
        this.accept(split.lines);
      }
    } finally {
      await fh.close();
    }
  }
}
