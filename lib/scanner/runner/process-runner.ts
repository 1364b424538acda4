import "server-only";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { stageArgv } from "./command";
import { interpretExit, lastLines } from "./outcome";
import { applyStderrLine, applyStreamLine, EMPTY_PROGRESS, splitLines, type Progress } from "./progress";
import type { RunRequest, RunResult, ScanRunner } from "./types";

const KILL_GRACE_MS = 5_000;
const TAIL_INTERVAL_MS = 250;
const STDERR_KEEP = 64 * 1024;

/**
 * Runs ApiHunter as a local child process: the approved URLs in a fresh file, a unique output
 * path per run, stdout drained (a full pipe would block ApiHunter, contract 1.1), stderr read for
 * progress, the streamed output file tailed for findings, a wall-clock limit (SIGTERM, then
 * SIGKILL) and cancellation through an AbortSignal.
 */
export class ProcessScanRunner implements ScanRunner {
  constructor(private readonly bin: string) {}

  async run(req: RunRequest): Promise<RunResult> {
    const dir = await mkdtemp(/*turbopackIgnore: true*/ path.join(tmpdir(), "firebreak-scan-"));
    const urlsFile = path.join(dir, "targets.txt");
    const outputFile = path.join(
      dir,
      `report-${randomUUID()}.${req.format === "pretty" ? "json" : "ndjson"}`,
    );
    await writeFile(/*turbopackIgnore: true*/ urlsFile, `${req.urls.join("\n")}\n`);
    const argv = stageArgv(req.stage, { urlsFile, outputFile }, req.format);
    let progress: Progress = EMPTY_PROGRESS;
    let lastSent = 0;
    const report = (force = false) => {
      if (!req.onProgress || (!force && Date.now() - lastSent < (req.progressEveryMs ?? 500))) return;
      lastSent = Date.now();
      req.onProgress(progress);
    };
    try {
      const child = spawn(this.bin, argv, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
      req.onStart?.({ argv, pid: child.pid ?? null });
      child.stdout.resume(); // drained and discarded: the report is read from the output file
      let stderr = "";
      let carry = "";
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => {
        stderr = (stderr + chunk).slice(-STDERR_KEEP);
        const split = splitLines(carry, chunk);
        carry = split.carry;
        for (const line of split.lines) progress = applyStderrLine(progress, line);
        report();
      });
      let offset = 0;
      let streamCarry = "";
      const tail = async () => {
        if (req.format === "pretty" || !existsSync(/*turbopackIgnore: true*/ outputFile)) return;
        const fh = await open(/*turbopackIgnore: true*/ outputFile, "r");
        try {
          const buf = Buffer.alloc(256 * 1024);
          for (;;) {
            const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
            if (bytesRead === 0) break;
            offset += bytesRead;
            const split = splitLines(streamCarry, buf.subarray(0, bytesRead).toString("utf8"));
            streamCarry = split.carry;
            for (const line of split.lines) progress = applyStreamLine(progress, line);
          }
        } finally {
          await fh.close();
        }
        report();
      };
      const tailer = setInterval(() => void tail().catch(() => {}), TAIL_INTERVAL_MS);

      let killedFor: "timeout" | "cancel" | null = null;
      const kill = (why: "timeout" | "cancel") => {
        if (child.exitCode !== null || killedFor) return;
        killedFor = why;
        child.kill("SIGTERM");
        setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), KILL_GRACE_MS).unref();
      };
      const timer = setTimeout(() => kill("timeout"), req.wallClockSeconds * 1000);
      const onAbort = () => kill("cancel");
      if (req.signal?.aborted) onAbort();
      req.signal?.addEventListener("abort", onAbort);

      const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (code, sig) => resolve([code, sig]));
      });
      clearTimeout(timer);
      clearInterval(tailer);
      req.signal?.removeEventListener("abort", onAbort);
      await tail().catch(() => {});
      const reportText = existsSync(/*turbopackIgnore: true*/ outputFile)
        ? await readFile(/*turbopackIgnore: true*/ outputFile, "utf8")
        : null;
      report(true);
      const outcome = interpretExit({
        exitCode,
        signal,
        reportText,
        stderr,
        killedFor,
        wallClockSeconds: req.wallClockSeconds,
      });
      return { argv, outcome, progress, stderrTail: lastLines(stderr, 20), reportText };
    } finally {
      await rm(/*turbopackIgnore: true*/ dir, { recursive: true, force: true });
    }
  }
}
