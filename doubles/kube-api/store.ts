// In-memory object store: one global resourceVersion counter, an event log for watch resumption,
// and watch subscribers. Every write goes through here.
import { randomUUID } from "node:crypto";

import type { ResourceType } from "./resources";
import { apiVersionOf } from "./resources";
import { clone, type KObject } from "./types";

export type EventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoreEvent {
  rv: number;
  type: EventType;
  resource: string; // "apps/deployments"
  namespace: string | undefined;
  object: KObject;
  previous?: KObject;
}

type Listener = (event: StoreEvent) => void;

const EVENT_LOG_SIZE = 5000;

export function resourceKey(rt: ResourceType): string {
  return `${rt.group}/${rt.resource}`;
}

export class Store {
  private objects = new Map<string, Map<string, KObject>>(); // resourceKey -> "ns/name" -> object
  private rv = 1000;
  private events: StoreEvent[] = [];
  private listeners = new Set<Listener>();

  get resourceVersion(): number {
    return this.rv;
  }

  /** Oldest resourceVersion a watch can resume from (older → 410 Expired). */
  get oldestResumableVersion(): number {
    return this.events[0] ? this.events[0].rv - 1 : this.rv;
  }

  private bucket(rt: ResourceType): Map<string, KObject> {
    const key = resourceKey(rt);
    let b = this.objects.get(key);
    if (!b) this.objects.set(key, (b = new Map()));
    return b;
  }

  get(rt: ResourceType, namespace: string | undefined, name: string): KObject | undefined {
    const obj = this.bucket(rt).get(`${namespace ?? ""}/${name}`);
    return obj ? clone(obj) : undefined;
  }

  list(rt: ResourceType, namespace: string | undefined): KObject[] {
    return [...this.bucket(rt).values()]
      .filter((o) => namespace === undefined || o.metadata.namespace === namespace)
      .sort((a, b) =>
        `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
          `${b.metadata.namespace}/${b.metadata.name}`,
        ),
      )
      .map((o) => clone(o));
  }

  /** Stores a new object, filling in uid, creationTimestamp, resourceVersion, generation. */
  create(rt: ResourceType, input: KObject, now = new Date()): KObject {
    const obj = clone(input);
    obj.apiVersion = apiVersionOf(rt);
    obj.kind = rt.kind;
    obj.metadata.uid ??= randomUUID();
    obj.metadata.creationTimestamp ??= isoSeconds(now);
    if (rt.generation) obj.metadata.generation = 1;
    obj.metadata.resourceVersion = String(++this.rv);
    this.bucket(rt).set(`${obj.metadata.namespace ?? ""}/${obj.metadata.name}`, obj);
    this.emit({
      rv: this.rv,
      type: "ADDED",
      resource: resourceKey(rt),
      namespace: obj.metadata.namespace,
      object: clone(obj),
    });
    return clone(obj);
  }

  /** Replaces a stored object (caller has done validation and generation handling). */
  update(rt: ResourceType, next: KObject): KObject {
    const key = `${next.metadata.namespace ?? ""}/${next.metadata.name}`;
    const previous = this.bucket(rt).get(key);
    if (!previous) throw new Error(`update of missing ${key}`);
    const obj = clone(next);
    obj.apiVersion = apiVersionOf(rt);
    obj.kind = rt.kind;
    obj.metadata.resourceVersion = String(++this.rv);
    this.bucket(rt).set(key, obj);
    this.emit({
      rv: this.rv,
      type: "MODIFIED",
      resource: resourceKey(rt),
      namespace: obj.metadata.namespace,
      object: clone(obj),
      previous: clone(previous),
    });
    return clone(obj);
  }

  delete(rt: ResourceType, namespace: string | undefined, name: string): KObject | undefined {
    const key = `${namespace ?? ""}/${name}`;
    const previous = this.bucket(rt).get(key);
    if (!previous) return undefined;
    this.bucket(rt).delete(key);
    const obj = clone(previous);
    obj.metadata.resourceVersion = String(++this.rv);
    this.emit({
      rv: this.rv,
      type: "DELETED",
      resource: resourceKey(rt),
      namespace,
      object: clone(obj),
      previous: clone(previous),
    });
    return obj;
  }

  eventsSince(rv: number): StoreEvent[] {
    return this.events.filter((e) => e.rv > rv);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops every object (keeps the resourceVersion counter monotonic, like a real etcd). */
  clear(): void {
    this.objects.clear();
    this.events = [];
  }

  dump(): Record<string, KObject[]> {
    const out: Record<string, KObject[]> = {};
    for (const [key, bucket] of this.objects) out[key] = [...bucket.values()].map((o) => clone(o));
    return out;
  }

  private emit(event: StoreEvent): void {
    this.events.push(event);
    if (this.events.length > EVENT_LOG_SIZE) this.events.splice(0, this.events.length - EVENT_LOG_SIZE);
    for (const l of this.listeners) l(event);
  }
}

export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
