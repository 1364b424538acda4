// Test-control state: injected faults, the request log, RBAC denials, the metrics-API switch.
export type Fault = {
  method?: string;
  path?: string;
  times: number;
} & (
  | { kind: "status"; status: number; message?: string }
  | { kind: "latency"; ms: number }
  | { kind: "timeout" }
  | { kind: "drop" }
);

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | null;
  accept: string | null;
  userAgent: string | null;
  /** Impersonate-User / Impersonate-Group: whom the caller acted as (null: the token's user). */
  impersonatedUser?: string | null;
  impersonatedGroups?: string[];
  body: unknown;
  time: string;
}

export interface AccessAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}
export type DenyRule = Partial<AccessAttributes>;

/** The request log keeps the newest entries only. */
const MAX_LOGGED_REQUESTS = 10_000;
const FAULT_KINDS = new Set(["status", "latency", "timeout", "drop"]);

export function parseFault(input: unknown): Fault {
  const f = (input ?? {}) as Record<string, unknown>;
  if (typeof f.kind !== "string" || !FAULT_KINDS.has(f.kind))
    throw new Error('fault.kind must be one of "status", "latency", "timeout", "drop"');
  if (f.kind === "status" && (typeof f.status !== "number" || f.status < 400 || f.status > 599))
    throw new Error("fault.status must be an HTTP error code (400-599)");
  if (f.kind === "latency" && (typeof f.ms !== "number" || f.ms < 0))
    throw new Error("fault.ms must be a non-negative number");
  if (f.method !== undefined && typeof f.method !== "string")
    throw new Error("fault.method must be a string");
  if (f.path !== undefined && typeof f.path !== "string") throw new Error("fault.path must be a string");
  const times = f.times === undefined ? 1 : f.times;
  if (typeof times !== "number" || !Number.isInteger(times) || times < 1)
    throw new Error("fault.times must be a positive integer");
  return { ...(f as object), times } as Fault;
}

function pathMatches(pattern: string | undefined, path: string): boolean {
  if (!pattern) return true;
  if (path.includes(pattern)) return true;
  try {
    return new RegExp(pattern).test(path);
  } catch {
    return false;
  }
}

export class DoubleControl {
  faults: Fault[] = [];
  requests: LoggedRequest[] = [];
  denyRules: DenyRule[] = [];
  metricsAvailable = true;

  logRequest(entry: LoggedRequest): void {
    this.requests.push(entry);
    if (this.requests.length > MAX_LOGGED_REQUESTS)
      this.requests.splice(0, this.requests.length - MAX_LOGGED_REQUESTS);
  }

  reset(): void {
    this.faults = [];
    this.requests = [];
    this.denyRules = [];
    this.metricsAvailable = true;
  }

  /** The first armed fault matching the request; consumes one of its `times`. */
  takeFault(method: string, pathWithQuery: string): Fault | undefined {
    const index = this.faults.findIndex(
      (f) => (!f.method || f.method.toUpperCase() === method) && pathMatches(f.path, pathWithQuery),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.times -= 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  isDenied(attrs: AccessAttributes): boolean {
    return this.denyRules.some((rule) =>
      (Object.keys(rule) as Array<keyof AccessAttributes>).every(
        (k) => rule[k] === undefined || rule[k] === "*" || rule[k] === (attrs[k] ?? ""),
      ),
    );
  }
}
