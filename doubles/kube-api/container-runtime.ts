// The containers of Job pods really run: a container whose command (or, without one, whose image name) is
// `apihunter` runs the ApiHunter double with the container's args, in a sandbox directory standing in for the
// container's filesystem. Volumes (downwardAPI, configMap, emptyDir) are written into the sandbox and an
// argument under a volume's mountPath is pointed at its sandbox copy (the double has no mount namespace).
// stdout and stderr become the pod's log line by line (container-log.ts); the exit code becomes the
// container's terminated state. Any other program fails to start (exit 128), like an image without it.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { openCapturedLog, type CapturedLog } from "./container-log";
import { isoSeconds } from "./store";
import type { KObject } from "./types";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PROGRAMS: Record<string, string> = { apihunter: path.join(ROOT, "doubles/apihunter/bin/apihunter") };
const KILL_GRACE_MS = 2_000;

type Container = {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: Array<{ name: string; value?: string }>;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
};
type Volume = {
  name: string;
  downwardAPI?: { items?: Array<{ path: string; fieldRef?: { fieldPath: string } }> };
  configMap?: { name: string; items?: Array<{ key: string; path: string }> };
  emptyDir?: object;
};

export type ContainerExit = { exitCode: number; reason: string; message?: string; startedAt: Date };

/** The program a container runs: its command, else its image's name as entrypoint. */
export function programOf(c: Container): { argv: string[]; bin: string | null } {
  const image = (c.image ?? "").split("@")[0]!.split("/").at(-1)!.split(":")[0]!;
  const argv = [...(c.command ?? [image]), ...(c.args ?? [])];
  return { argv, bin: PROGRAMS[path.basename(argv[0] ?? "")] ?? null };
}

/** The volume file contents the kubelet would project (null: a configMap that does not exist yet). */
export type VolumeSource = (ns: string, configMap: string) => Record<string, string> | null;

function fieldOf(pod: KObject, fieldPath: string): string {
  const m = /^metadata\.(annotations|labels)\['(.+)'\]$/.exec(fieldPath);
  if (m) return (pod.metadata[m[1] as "labels"] as Record<string, string> | undefined)?.[m[2]!] ?? "";
  if (fieldPath === "metadata.name") return pod.metadata.name;
  if (fieldPath === "metadata.namespace") return pod.metadata.namespace ?? "";
  if (fieldPath === "metadata.uid") return pod.metadata.uid ?? "";
  return "";
}

/** Writes the pod's volumes into `dir`; false when a configMap is missing (the kubelet retries the mount). */
function materialize(pod: KObject, dir: string, configMaps: VolumeSource): boolean {
  for (const v of (pod.spec?.volumes as Volume[] | undefined) ?? []) {
    const vdir = path.join(dir, "volumes", v.name);
    mkdirSync(vdir, { recursive: true });
    const files: Record<string, string> = {};
    if (v.downwardAPI)
      for (const item of v.downwardAPI.items ?? [])
        files[item.path] = item.fieldRef ? fieldOf(pod, item.fieldRef.fieldPath) : "";
    if (v.configMap) {
      const data = configMaps(pod.metadata.namespace ?? "", v.configMap.name);
      if (!data) return false;
      const items = v.configMap.items ?? Object.keys(data).map((key) => ({ key, path: key }));
      for (const item of items) files[item.path] = data[item.key] ?? "";
    }
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(vdir, p)), { recursive: true });
      writeFileSync(path.join(vdir, p), text);
    }
  }
  return true;
}

function translate(arg: string, mounts: Array<{ mountPath: string; dir: string }>): string {
  const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
  const [head, value] = eq > 0 ? [arg.slice(0, eq + 1), arg.slice(eq + 1)] : ["", arg];
  for (const m of mounts) {
    const base = m.mountPath.replace(/\/+$/, "");
    if (value === base || value.startsWith(`${base}/`)) return head + m.dir + value.slice(base.length);
  }
  return arg;
}

function pipeLines(stream: Socket, log: CapturedLog): () => void {
  let carry = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const parts = (carry + chunk).split("\n");
    carry = parts.pop() ?? "";
    for (const line of parts) log.append(line);
  });
  return () => {
    if (carry) log.append(carry);
    carry = "";
  };
}

/** One pod's running containers. */
export class PodProcesses {
  private children = new Map<string, ChildProcess>();
  private dir: string;
  private stopped = false;

  constructor(private pod: KObject) {
    this.dir = mkdtempSync(path.join(tmpdir(), `kube-double-pod-${pod.metadata.name}-`));
  }

  /** Mounts the volumes; false: not yet possible (retry later). */
  prepare(configMaps: VolumeSource): boolean {
    return materialize(this.pod, this.dir, configMaps);
  }

  /** Starts one container; `onExit` gets its terminated state. */
  start(c: Container, onExit: (exit: ContainerExit) => void): void {
    const startedAt = new Date();
    const { argv, bin } = programOf(c);
    const log = openCapturedLog(this.pod.metadata.uid!, c.name);
    if (!bin) {
      log.end();
      return onExit({
        exitCode: 128,
        reason: "StartError",
        message: `failed to create containerd task: exec: "${argv[0] ?? ""}": executable file not found in $PATH`,
        startedAt,
      });
    }
    const mounts = (c.volumeMounts ?? []).map((m) => ({
      mountPath: m.mountPath,
      dir: path.join(this.dir, "volumes", m.name),
    }));
    const home = path.join(this.dir, "home");
    mkdirSync(home, { recursive: true });
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: home,
      HOSTNAME: this.pod.metadata.name,
      ...(process.env.APIHUNTER_DOUBLE_ARGV_LOG
        ? { APIHUNTER_DOUBLE_ARGV_LOG: process.env.APIHUNTER_DOUBLE_ARGV_LOG }
        : {}),
    };
    for (const e of c.env ?? []) if (typeof e.value === "string") env[e.name] = e.value;
    // stdout and stderr are FIFOs, as a container runtime gives them (a program may open /dev/stdout).
    const out = this.fifo(`${c.name}.stdout`);
    const err = this.fifo(`${c.name}.stderr`);
    const child = spawn(
      bin,
      argv.slice(1).map((a) => translate(a, mounts)),
      { cwd: this.dir, env: env as unknown as NodeJS.ProcessEnv, stdio: ["ignore", out.write, err.write] },
    );
    closeSync(out.write);
    closeSync(err.write);
    this.children.set(c.name, child);
    const flushOut = pipeLines(out.read, log);
    const flushErr = pipeLines(err.read, log);
    const drained = Promise.all([out.read, err.read].map((r) => new Promise((ok) => r.once("close", ok))));
    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (done) return;
      done = true;
      flushOut();
      flushErr();
      log.end();
      this.children.delete(c.name);
      if (this.stopped) return;
      const signo = signal === "SIGKILL" ? 9 : signal === "SIGTERM" ? 15 : signal ? 6 : 0;
      const exitCode = error ? 128 : (code ?? 128 + signo);
      onExit({
        exitCode,
        reason: error ? "StartError" : exitCode === 0 ? "Completed" : "Error",
        ...(error ? { message: error.message } : {}),
        startedAt,
      });
    };
    child.on("error", (e) => {
      out.read.destroy();
      err.read.destroy();
      finish(null, null, e);
    });
    child.on("exit", (code, signal) => void drained.then(() => finish(code, signal)));
  }

  /** A named pipe in the sandbox: a non-blocking read end for the double, a write end for the process. */
  private fifo(name: string): { read: Socket; write: number } {
    const file = path.join(this.dir, name);
    execFileSync("mkfifo", [file]);
    const read = new Socket({
      fd: openSync(file, constants.O_RDONLY | constants.O_NONBLOCK),
      readable: true,
    });
    return { read, write: openSync(file, constants.O_WRONLY) };
  }

  /** The pod is gone: SIGTERM, SIGKILL after a short grace, sandbox removed. */
  stop(): void {
    this.stopped = true;
    for (const child of this.children.values()) {
      child.kill("SIGTERM");
      setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), KILL_GRACE_MS).unref();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The pod's status once its containers have exited (phase Succeeded/Failed, terminated states). */
export function terminatedStatus(pod: KObject, exits: Map<string, ContainerExit>): Record<string, unknown> {
  type Condition = { type: string; status: string };
  const ok = [...exits.values()].every((e) => e.exitCode === 0);
  const at = isoSeconds(new Date());
  type Status = {
    name: string;
    state?: Record<string, unknown>;
    ready?: boolean;
    started?: boolean;
    containerID?: string;
  };
  const statuses = ((pod.status?.containerStatuses as Status[] | undefined) ?? []).map((s) => {
    const e = exits.get(s.name);
    if (!e) return s;
    return {
      ...s,
      ready: false,
      started: false,
      state: {
        terminated: {
          exitCode: e.exitCode,
          reason: e.reason,
          ...(e.message ? { message: e.message } : {}),
          startedAt: isoSeconds(e.startedAt),
          finishedAt: at,
          ...(s.containerID ? { containerID: s.containerID } : {}),
        },
      },
    };
  });
  const conditions = ((pod.status?.conditions as Condition[] | undefined) ?? []).map((c) =>
    c.type === "Ready" || c.type === "ContainersReady"
      ? { ...c, status: "False", reason: ok ? "PodCompleted" : "PodFailed", lastTransitionTime: at }
      : c.type === "PodReadyToStartContainers"
        ? { ...c, status: "False", lastTransitionTime: at }
        : c,
  );
  return { ...pod.status, phase: ok ? "Succeeded" : "Failed", conditions, containerStatuses: statuses };
}
