import "server-only";
import { randomUUID } from "node:crypto";

import type { ObjectRef } from "@/lib/kube/cluster";
import { JOB_CONTAINER, type JobPodView, type JobPort } from "@/lib/kube/jobs";

import { stageArgv } from "./command";
import { applyLogLine, logWithoutReport, reportFromLog } from "./job-log";
import { interpretExit, lastLines, type Outcome } from "./outcome";
import { EMPTY_PROGRESS, splitLines, type Progress } from "./progress";
import type { RunRequest, RunResult, ScanRunner } from "./types";

export type KubeJobRunnerConfig = {
  namespace: string;
  image: string;
  /** The container's command; absent: the image's entrypoint. */
  command?: string[];
  serviceAccountName?: string;
  pollMs?: number;
};

export const SCAN_JOB_LABELS = {
  "app.kubernetes.io/managed-by": "firebreak",
  "app.kubernetes.io/component": "scanner",
};
const TARGETS_DIR = "/var/run/firebreak";
const TARGETS_FILE = "targets.txt";
/** The API server's own deadline, past Firebreak's wall-clock limit: a pod is never left running
 * when Firebreak is gone. Finished Jobs are kept an hour for `kubectl logs`, then collected. */
const DEADLINE_GRACE_S = 60;
const KEEP_FINISHED_S = 3600;
const FOLLOW_END_WAIT_MS = 5_000;
const API_ATTEMPTS = 10;
/** Waiting reasons after which the container will not start by itself. */
const STUCK =
  /^(ErrImagePull|ImagePullBackOff|InvalidImageName|CreateContainerConfigError|CreateContainerError|ErrImageNeverPull)$/;
const SIGNALS: Record<number, string> = { 9: "SIGKILL", 15: "SIGTERM", 6: "SIGABRT", 11: "SIGSEGV" };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs ApiHunter as a Kubernetes Job (batch/v1) in a configured namespace: the stage's exact
 * flags (the same `stageArgv` as the process runner), the approved URLs as a read-only file,
 * `--output /dev/stdout` so the output reaches Firebreak through the pod's log, which is followed
 * for live progress. The wall-clock limit and cancel delete the Job (and its pod); the container's
 * exit code is read by the contract's rule (`interpretExit`), as for a local process.
 */
export class KubeJobScanRunner implements ScanRunner {
  constructor(
    private readonly jobs: JobPort,
    private readonly cfg: KubeJobRunnerConfig,
  ) {}

  async run(req: RunRequest): Promise<RunResult> {
    const ref: ObjectRef = {
      namespace: this.cfg.namespace,
      name: `firebreak-scan-${randomUUID().slice(0, 8)}`,
    };
    const argv = stageArgv(
      req.stage,
      { urlsFile: `${TARGETS_DIR}/${TARGETS_FILE}`, outputFile: "/dev/stdout" },
      req.format,
    );
    const pollMs = this.cfg.pollMs ?? 500;
    let progress: Progress = EMPTY_PROGRESS;
    let lastSent = 0;
    const report = (force = false) => {
      if (!req.onProgress || (!force && Date.now() - lastSent < (req.progressEveryMs ?? 500))) return;
      lastSent = Date.now();
      req.onProgress(progress);
    };
    const { uid } = await this.jobs.createJob({
      ...ref,
      labels: { ...req.labels, ...SCAN_JOB_LABELS },
      image: this.cfg.image,
      command: this.cfg.command,
      args: argv,
      files: { dir: TARGETS_DIR, entries: { [TARGETS_FILE]: `${req.urls.join("\n")}\n` } },
      activeDeadlineSeconds: req.wallClockSeconds + DEADLINE_GRACE_S,
      ttlSecondsAfterFinished: KEEP_FINISHED_S,
      serviceAccountName: this.cfg.serviceAccountName,
    });
    req.onStart?.({ argv, pid: null });

    let killedFor: "timeout" | "cancel" | null = null;
    let notes = "";
    const stopFollow = new AbortController();
    let deleting: Promise<unknown> = Promise.resolve();
    const kill = (why: "timeout" | "cancel") => {
      if (killedFor) return;
      killedFor = why;
      stopFollow.abort();
      deleting = this.jobs
        .deleteJob(ref)
        .catch((e: unknown) => (notes += `\nDeleting the Job failed: ${(e as Error).message}`));
    };
    const timer = setTimeout(() => kill("timeout"), req.wallClockSeconds * 1000);
    const onAbort = () => kill("cancel");
    if (req.signal?.aborted) onAbort();
    req.signal?.addEventListener("abort", onAbort);

    let log = "";
    let following: Promise<void> | null = null;
    let followEnded = false;
    const follow = (pod: string) => {
      log = "";
      progress = EMPTY_PROGRESS;
      followEnded = false;
      let carry = "";
      following = this.jobs
        .followLog(
          { namespace: ref.namespace, name: pod },
          JOB_CONTAINER,
          (text) => {
            log += text;
            const split = splitLines(carry, text);
            carry = split.carry;
            for (const line of split.lines) progress = applyLogLine(progress, line);
            report();
          },
          stopFollow.signal,
        )
        .catch((e: unknown) => void (notes += `\nFollowing the log failed: ${(e as Error).message}`))
        .finally(() => (followEnded = true));
    };

    let ended: { pod: JobPodView; exit: Extract<JobPodView["container"], { state: "terminated" }> } | null =
      null;
    let failure: Outcome | null = null;
    try {
      let unanswered = 0;
      while (!killedFor && !ended && !failure) {
        let job: Awaited<ReturnType<JobPort["getJob"]>>;
        let pod: JobPodView | undefined;
        try {
          job = await this.jobs.getJob(ref);
          [pod] = job ? await this.jobs.listJobPods(ref, uid) : [];
          unanswered = 0;
        } catch (e) {
          // A blip of the API server is waited out; a lasting one ends the scan (the Job's deadline
          // stops the pod if Firebreak cannot delete it).
          if (++unanswered < API_ATTEMPTS) {
            await sleep(pollMs);
            continue;
          }
          failure = { status: "failed", reason: `Lost contact with the cluster: ${(e as Error).message}` };
          break;
        }
        const c = pod?.container;
        if (!job) failure = { status: "failed", reason: "The scan's Job was deleted outside Firebreak." };
        else if (c?.state === "terminated") ended = { pod: pod!, exit: c };
        else if (c?.state === "waiting" && STUCK.test(c.reason))
          failure = {
            status: "failed",
            reason: `The scanner's container cannot start: ${c.reason} ${c.message}`.trim(),
          };
        else if (!pod && job.finished?.type === "Failed")
          failure =
            job.finished.reason === "DeadlineExceeded"
              ? { status: "timed_out", reason: `The Job's deadline passed: ${job.finished.message}` }
              : {
                  status: "failed",
                  reason: `The scan's Job failed: ${job.finished.reason} ${job.finished.message}`.trim(),
                };
        if (pod && c?.state !== "waiting" && (!following || (followEnded && !ended))) follow(pod.name);
        if (!ended && !failure) await sleep(pollMs);
      }
      if (failure && !killedFor)
        await this.jobs
          .deleteJob(ref)
          .catch((e: unknown) => void (notes += `\nDeleting the Job failed: ${(e as Error).message}`));
      if (ended && following) {
        await Promise.race([following, sleep(FOLLOW_END_WAIT_MS)]);
        if (!followEnded) stopFollow.abort();
        // A follow cut short (broken connection) left part of the log: read it whole.
        if (!followEnded || !log.trim())
          log = await this.jobs
            .readLog({ namespace: ref.namespace, name: ended.pod.name }, JOB_CONTAINER)
            .catch(() => log);
      } else if (ended) {
        log = await this.jobs
          .readLog({ namespace: ref.namespace, name: ended.pod.name }, JOB_CONTAINER)
          .catch(() => "");
      }
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onAbort);
      stopFollow.abort();
      await deleting;
    }
    if (ended) progress = log.split("\n").reduce(applyLogLine, EMPTY_PROGRESS);
    const reportText = reportFromLog(log, req.format);
    const stderr = `${logWithoutReport(log)}${notes}`;
    report(true);
    const outcome: Outcome =
      failure && !killedFor
        ? failure
        : ended && !killedFor && ended.exit.reason === "StartError"
          ? {
              status: "failed",
              reason: `The scanner's container did not start: ${ended.exit.message}`.trim(),
            }
          : interpretExit({
              exitCode: ended && ended.exit.exitCode < 128 ? ended.exit.exitCode : null,
              signal: ended ? signalOf(ended.exit) : null,
              reportText,
              stderr,
              killedFor,
              wallClockSeconds: req.wallClockSeconds,
            });
    return { argv, outcome, progress, stderrTail: lastLines(stderr, 20), reportText };
  }
}

function signalOf(exit: { exitCode: number; reason: string }): string | null {
  if (exit.exitCode < 128) return null;
  const name = SIGNALS[exit.exitCode - 128] ?? `signal ${exit.exitCode - 128}`;
  return exit.reason === "OOMKilled" ? `${name} (OOMKilled: out of memory)` : name;
}
