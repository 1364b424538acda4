// The test-control API under /__double/* (never under /api or /apis).
import type { DoubleControl, DenyRule } from "./control";
import { parseFault } from "./control";
import type { Store } from "./store";

export interface ControlDeps {
  control: DoubleControl;
  store: Store;
  reset(): void;
  getReadyDelayMs(): number;
  setReadyDelayMs(ms: number): void;
}

type Result = { status: number; body: unknown };
const bad = (message: string): Result => ({ status: 400, body: { error: message } });

export function handleControl(
  deps: ControlDeps,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): Result {
  const { control } = deps;
  const route = `${method} ${path.replace(/\/+$/, "")}`;
  switch (route) {
    case "POST /__double/reset":
      deps.reset();
      return { status: 200, body: { ok: true, resourceVersion: String(deps.store.resourceVersion) } };
    case "GET /__double/faults":
      return { status: 200, body: { faults: control.faults } };
    case "POST /__double/faults": {
      try {
        const faults = (Array.isArray(body) ? body : [body]).map(parseFault);
        control.faults.push(...faults);
        return { status: 201, body: { faults: control.faults } };
      } catch (e) {
        return bad((e as Error).message);
      }
    }
    case "DELETE /__double/faults":
      control.faults = [];
      return { status: 200, body: { faults: [] } };
    case "GET /__double/requests": {
      const m = query.get("method")?.toUpperCase();
      const p = query.get("path");
      const requests = control.requests.filter((r) => (!m || r.method === m) && (!p || r.path.includes(p)));
      return { status: 200, body: { requests } };
    }
    case "DELETE /__double/requests":
      control.requests = [];
      return { status: 200, body: { requests: [] } };
    case "GET /__double/ssar":
      return { status: 200, body: { deny: control.denyRules } };
    case "POST /__double/ssar": {
      const deny = (body as { deny?: unknown } | null)?.deny;
      if (!Array.isArray(deny) || deny.some((r) => typeof r !== "object" || r === null))
        return bad(
          'body must be { "deny": [{ verb?, group?, resource?, subresource?, namespace?, name? }] }',
        );
      control.denyRules = deny as DenyRule[];
      return { status: 200, body: { deny: control.denyRules } };
    }
    case "DELETE /__double/ssar":
      control.denyRules = [];
      return { status: 200, body: { deny: [] } };
    case "POST /__double/metrics": {
      const available = (body as { available?: unknown } | null)?.available;
      if (typeof available !== "boolean") return bad('body must be { "available": true | false }');
      control.metricsAvailable = available;
      return { status: 200, body: { available } };
    }
    case "POST /__double/ready-delay": {
      const ms = (body as { ms?: unknown } | null)?.ms;
      if (typeof ms !== "number" || ms < 0) return bad('body must be { "ms": <non-negative number> }');
      deps.setReadyDelayMs(ms);
      return { status: 200, body: { ms } };
    }
    case "GET /__double/state":
      return {
        status: 200,
        body: {
          resourceVersion: String(deps.store.resourceVersion),
          readyDelayMs: deps.getReadyDelayMs(),
          metricsAvailable: control.metricsAvailable,
          faults: control.faults,
          deny: control.denyRules,
          objects: deps.store.dump(),
        },
      };
    default:
      return { status: 404, body: { error: `unknown control endpoint ${route}` } };
  }
}
