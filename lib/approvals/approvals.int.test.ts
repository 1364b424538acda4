import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startKubeDouble, type RunningKubeDouble } from "@/doubles/kube-api/spawn";
import { testActor } from "@/lib/testing/actors";
import { doubleControl, registerDemoService } from "@/lib/testing/remediation";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

let db: TestDatabase;
let kube: RunningKubeDouble;
let guarded: typeof import("./run-guarded");
let decide: typeof import("./decide");
let incidents: typeof import("@/lib/incidents/commands");
let dbClient: typeof import("@/lib/db/client");

const rita = testActor("responder", "Rita Responder");
const cole = testActor("commander", "Cole Commander");
const cara = testActor("commander", "Cara Commander");

beforeAll(async () => {
  [db, kube] = await Promise.all([createTestDatabase(), startKubeDouble({ readyDelayMs: 50 })]);
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KUBECONFIG: kube.kubeconfigPath,
    KUBE_TIMEOUT_MS: "3000",
    KUBE_IMPERSONATE: "true",
    KUBE_ALLOWED_NAMESPACES: "default,payments",
  });
  [guarded, decide, incidents, dbClient] = await Promise.all([
    import("./run-guarded"),
    import("./decide"),
    import("@/lib/incidents/commands"),
    import("@/lib/db/client"),
  ]);
  await registerDemoService("http://127.0.0.1:9");
});

afterAll(async () => {
  await dbClient?.getDb().$disconnect();
  await Promise.all([db?.drop(), kube?.stop()]);
});

beforeEach(async () => {
  await doubleControl(kube.url, "reset");
});

type Logged = {
  method: string;
  path: string;
  query: Record<string, string>;
  impersonatedUser: string | null;
};
async function realWrites(pathPart: string): Promise<Logged[]> {
  const { requests } = (await doubleControl(
    kube.url,
    `requests?path=${encodeURIComponent(pathPart)}`,
    "GET",
  )) as {
    requests: Logged[];
  };
  return requests.filter((r) => r.method !== "GET" && r.query.dryRun !== "All");
}

async function incident(severity: "SEV0" | "SEV1" = "SEV1") {
  const { id } = await incidents.declareIncident(
    { title: "Breach", severity, service: "api-optimizer" },
    rita,
  );
  return id;
}

async function timeline(incidentId: number): Promise<string[]> {
  const rows = await dbClient
    .getDb()
    .timelineEvent.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
  return rows.map((r) => r.body);
}

async function requestContainment(incidentId: number, actor = rita) {
  const held = await guarded.runGuardedAction({ incidentId, kind: "containment" }, actor, { verify: false });
  if (held.status !== "awaiting_approval") throw new Error(`expected a held action, got ${held.status}`);
  return held.approval;
}

describe("approvals", () => {
  it("holds a responder's containment, sends nothing, and runs it as the responder once a commander approves", async () => {
    const incidentId = await incident();
    const approval = await requestContainment(incidentId);
    expect(approval).toMatchObject({
      state: "pending",
      policy: "two-person",
      requesterName: "Rita Responder",
    });
    expect(await realWrites("networkpolicies")).toEqual([]);

    const again = await requestContainment(incidentId);
    expect(again.id).toBe(approval.id);

    const result = await decide.decideApproval({ approvalId: approval.id, verdict: "approve" }, cole, {
      verify: false,
    });
    expect(result.error).toBeNull();
    expect(result.approval).toMatchObject({ state: "executed", deciderName: "Cole Commander" });
    expect(result.run?.status).toBe("done");
    const writes = await realWrites("networkpolicies");
    expect(writes).toHaveLength(1);
    expect(writes[0]!.impersonatedUser).toBe(rita.email);
    const run = await dbClient
      .getDb()
      .actionRun.findFirstOrThrow({ where: { incidentId, kind: "containment" } });
    expect(run.actor).toBe("Rita Responder");
    const bodies = await timeline(incidentId);
    expect(bodies.some((b) => /Rita Responder requested approval #\d+: Security containment/.test(b))).toBe(
      true,
    );
    expect(bodies.some((b) => /Cole Commander approved approval #\d+/.test(b))).toBe(true);
    const audit = await dbClient
      .getDb()
      .auditEntry.findMany({ where: { action: { startsWith: "approval." } } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["approval.request", "approval.approve", "approval.execute"]),
    );
  });

  it("refuses the requester approving their own two-person request outside a SEV-0", async () => {
    const incidentId = await incident("SEV1");
    const approval = await requestContainment(incidentId, cole);
    await expect(
      decide.decideApproval({ approvalId: approval.id, verdict: "approve" }, cole),
    ).rejects.toThrow(/second commander/);
    await expect(
      decide.decideApproval({ approvalId: approval.id, verdict: "approve" }, rita),
    ).rejects.toThrow(/Only a commander/);
  });

  it("in a SEV-0 lets the commander self-approve with a written reason, recorded and shown", async () => {
    const incidentId = await incident("SEV0");
    const held = await guarded.runGuardedAction({ incidentId, kind: "scale", replicas: 0 }, cole, {
      verify: false,
    });
    expect(held.status).toBe("awaiting_approval");
    if (held.status !== "awaiting_approval") return;
    const reason = "Second commander unreachable; data exfiltration in progress";
    const result = await decide.decideApproval(
      { approvalId: held.approval.id, verdict: "approve", reason },
      cole,
      {
        verify: false,
      },
    );
    expect(result.approval).toMatchObject({ state: "executed", selfApproved: true, reason });
    const bodies = await timeline(incidentId);
    expect(
      bodies.some((b) => b.includes(`self-approved approval #${held.approval.id}`) && b.includes(reason)),
    ).toBe(true);
    expect(
      (await dbClient.getDb().auditEntry.findFirst({ where: { action: "approval.self_approve" } }))?.message,
    ).toBe(reason);
  });

  it("denies: nothing runs, the timeline says who denied it", async () => {
    const incidentId = await incident();
    const approval = await requestContainment(incidentId);
    const result = await decide.decideApproval(
      { approvalId: approval.id, verdict: "deny", reason: "Not yet" },
      cole,
    );
    expect(result.approval.state).toBe("denied");
    expect(result.run).toBeNull();
    expect(await realWrites("networkpolicies")).toEqual([]);
    expect(
      (await timeline(incidentId)).some((b) => /Cole Commander denied approval #\d+.*Not yet/.test(b)),
    ).toBe(true);
    await expect(
      decide.decideApproval({ approvalId: approval.id, verdict: "approve" }, cara),
    ).rejects.toThrow(/already denied/);
  });

  it("refuses approval of an expired request", async () => {
    const incidentId = await incident();
    const approval = await requestContainment(incidentId);
    await dbClient.getDb()
      .$executeRaw`UPDATE approval_requests SET expires_at = now() - interval '1 millisecond' WHERE id = ${approval.id}`;
    await expect(
      decide.decideApproval({ approvalId: approval.id, verdict: "approve" }, cole),
    ).rejects.toThrow(/expired/);
    expect(await realWrites("networkpolicies")).toEqual([]);
  });

  it("runs once when two commanders approve at the same moment", async () => {
    const incidentId = await incident();
    const held = await guarded.runGuardedAction({ incidentId, kind: "scale", replicas: 0 }, rita, {
      verify: false,
    });
    if (held.status !== "awaiting_approval") throw new Error(`expected a held action, got ${held.status}`);
    const outcomes = await Promise.allSettled([
      decide.decideApproval({ approvalId: held.approval.id, verdict: "approve" }, cole, { verify: false }),
      decide.decideApproval({ approvalId: held.approval.id, verdict: "approve" }, cara, { verify: false }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(String(lost.reason)).toMatch(/already decided/);
    const writes = await realWrites("deployments/api-optimizer/scale");
    expect(writes).toHaveLength(1);
    expect(writes[0]!.impersonatedUser).toBe(rita.email);
  });

  it("refuses a service outside the namespace allowlist before sending anything", async () => {
    await dbClient
      .getDb()
      .service.update({ where: { name: "api-optimizer" }, data: { k8sNamespace: "kube-system" } });
    try {
      const incidentId = await incident();
      await doubleControl(kube.url, "requests", "DELETE");
      await expect(guarded.runGuardedAction({ incidentId, kind: "rollback" }, rita)).rejects.toThrow(
        /Namespace "kube-system" is not in the allowed Kubernetes namespaces \(default, payments\)\. Nothing was sent/,
      );
      const { requests } = (await doubleControl(kube.url, "requests", "GET")) as { requests: unknown[] };
      expect(requests).toEqual([]);
    } finally {
      await dbClient
        .getDb()
        .service.update({ where: { name: "api-optimizer" }, data: { k8sNamespace: "default" } });
    }
  });
});
