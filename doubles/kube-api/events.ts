// core/v1 Events the simulated controllers emit (what `kubectl describe` and `kubectl get events` show).
import { randomBytes } from "node:crypto";

import { findResourceType } from "./resources";
import { isoSeconds, type Store } from "./store";
import type { KObject } from "./types";

const EVENTS = findResourceType("", "v1", "events")!;

export class EventRecorder {
  /** Off while seeding: a real cluster's events expire after an hour. */
  enabled = true;

  constructor(private store: Store) {}

  record(
    object: KObject,
    component: string,
    reason: string,
    message: string,
    type: "Normal" | "Warning" = "Normal",
  ): void {
    if (!this.enabled || !object.metadata.namespace) return;
    const now = isoSeconds(new Date());
    this.store.create(EVENTS, {
      metadata: {
        name: `${object.metadata.name}.${randomBytes(8).toString("hex")}`,
        namespace: object.metadata.namespace,
      },
      involvedObject: {
        kind: object.kind,
        namespace: object.metadata.namespace,
        name: object.metadata.name,
        uid: object.metadata.uid,
        apiVersion: object.apiVersion,
        resourceVersion: object.metadata.resourceVersion,
      },
      reason,
      message,
      source: { component, ...(component === "kubelet" ? { host: "firebreak-node-1" } : {}) },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      reportingComponent: component,
      reportingInstance: component === "kubelet" ? "firebreak-node-1" : "",
    });
  }
}
