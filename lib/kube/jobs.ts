/** batch/v1 Jobs, in Firebreak's own types: the port a one-shot program run in the cluster needs
 * (create, watch its pod, follow its log, delete), and the Job manifest, pure.
 * `client-node-jobs.ts` implements the port against a real API server (or the local double). */
import type { ObjectRef } from "./cluster";

export type JobRequest = ObjectRef & {
  labels: Record<string, string>;
  image: string;
  /** The container's command; absent: the image's entrypoint. */
  command?: string[];
  args: string[];
  /** Read-only files for the container under `dir`, carried in the pod template's annotations and
   * projected by the downward API (no second object to create, own or clean up). */
  files?: { dir: string; entries: Record<string, string> };
  /** The API server fails the Job and kills its pod after this long (a backstop for Firebreak's own limit). */
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  serviceAccountName?: string;
};

export type JobContainerState =
  | { state: "waiting"; reason: string; message: string }
  | { state: "running" }
  | { state: "terminated"; exitCode: number; reason: string; message: string };

export type JobPodView = { name: string; phase: string; createdAt: string; container: JobContainerState };

export type JobView = {
  uid: string;
  active: number;
  succeeded: number;
  failed: number;
  /** Set once the Job's Complete or Failed condition is True. */
  finished: { type: "Complete" | "Failed"; reason: string; message: string } | null;
};

export interface JobPort {
  createJob(req: JobRequest): Promise<{ uid: string }>;
  /** null: the Job does not exist (any more). */
  getJob(ref: ObjectRef): Promise<JobView | null>;
  /** The Job's pods (selected by its `batch.kubernetes.io/controller-uid`), newest first. */
  listJobPods(ref: ObjectRef, uid: string): Promise<JobPodView[]>;
  /** Follows a container's log from its start; resolves when the stream ends (the container exited,
   * the pod went away, the connection broke, or `signal` aborted it). */
  followLog(
    pod: ObjectRef,
    container: string,
    onText: (text: string) => void,
    signal: AbortSignal,
  ): Promise<void>;
  /** The whole log of a container, as `kubectl logs` gives it. */
  readLog(pod: ObjectRef, container: string): Promise<string>;
  /** Deletes the Job and (propagationPolicy Background) its pods; a Job already gone is fine. */
  deleteJob(ref: ObjectRef): Promise<void>;
  /** Deletes every Job of the namespace whose labels match; returns their names. At least one
   * label is required (an empty selector would match every Job). */
  deleteJobsLabelled(namespace: string, labels: Record<string, string>): Promise<string[]>;
}

export const JOB_CONTAINER = "main";
const FILE_ANNOTATION = "firebreak.dev/file.";

/** The batch/v1 Job: one pod, never restarted nor retried (backoffLimit 0), no API token mounted. */
export function jobManifest(req: JobRequest) {
  const files = Object.entries(req.files?.entries ?? {});
  const annotations = Object.fromEntries(files.map(([name, text]) => [`${FILE_ANNOTATION}${name}`, text]));
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: req.name, namespace: req.namespace, labels: { ...req.labels } },
    spec: {
      backoffLimit: 0,
      ...(req.activeDeadlineSeconds ? { activeDeadlineSeconds: req.activeDeadlineSeconds } : {}),
      ...(req.ttlSecondsAfterFinished ? { ttlSecondsAfterFinished: req.ttlSecondsAfterFinished } : {}),
      template: {
        metadata: { labels: { ...req.labels }, ...(files.length ? { annotations } : {}) },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          ...(req.serviceAccountName ? { serviceAccountName: req.serviceAccountName } : {}),
          containers: [
            {
              name: JOB_CONTAINER,
              image: req.image,
              ...(req.command ? { command: [...req.command] } : {}),
              args: [...req.args],
              ...(files.length
                ? { volumeMounts: [{ name: "files", mountPath: req.files!.dir, readOnly: true }] }
                : {}),
            },
          ],
          ...(files.length
            ? {
                volumes: [
                  {
                    name: "files",
                    downwardAPI: {
                      items: files.map(([name]) => ({
                        path: name,
                        fieldRef: { fieldPath: `metadata.annotations['${FILE_ANNOTATION}${name}']` },
                      })),
                    },
                  },
                ],
              }
            : {}),
        },
      },
    },
  };
}
