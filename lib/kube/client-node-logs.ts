import "server-only";
import { Writable } from "node:stream";

import type * as k8s from "@kubernetes/client-node";

import type { ObjectRef, PodLogRead, PodLogText } from "./cluster";
import type { KubeRequests } from "./client-node-request";
import { show } from "./client-node-shapes";
import { kubeFailureToError } from "./errors";

/** Streams a pod's log and stops at `limitBytes` (asked of the API too), so memory stays
 * bounded even when the server ignores the limit; the connection's timeout bounds the wait. */
export async function readBoundedLog(
  logs: k8s.Log,
  req: KubeRequests,
  ref: ObjectRef,
  read: PodLogRead,
  timeoutMs: number,
): Promise<PodLogText> {
  const what = `read logs of pod ${show(ref)} (container ${read.container})`;
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  let abort: AbortController | null = null;
  const done = new Promise<void>((resolve, reject) => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        if (truncated) return cb();
        const room = read.limitBytes - size;
        if (chunk.length > room) {
          truncated = true;
          chunks.push(chunk.subarray(0, room));
          size += room;
          abort?.abort();
          resolve();
        } else {
          chunks.push(chunk);
          size += chunk.length;
        }
        cb();
      },
    });
    sink.on("finish", resolve);
    sink.on("error", reject);
    // The source is client-node's response stream: an abort (limit reached, timeout) makes it
    // error, which must be handled here or it would crash the process.
    sink.on("pipe", (source: NodeJS.ReadableStream) =>
      source.on("error", (e: Error) => (truncated ? resolve() : reject(e))),
    );
    req
      .call(what, () =>
        logs.log(ref.namespace, ref.name, read.container, sink, {
          follow: false,
          limitBytes: read.limitBytes,
          tailLines: read.tailLines,
          sinceSeconds: read.sinceSeconds,
        }),
      )
      .then((controller) => {
        abort = controller;
        if (truncated) controller.abort();
      }, reject);
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort?.abort();
      reject(kubeFailureToError({ kind: "timeout", timeoutMs }, what));
    }, timeoutMs);
  });
  try {
    await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
  // A cut may split a multi-byte character; the decoder replaces it rather than failing.
  return { text: Buffer.concat(chunks).toString("utf8"), truncated };
}
