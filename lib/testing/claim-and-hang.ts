// Test helper process (run with tsx --conditions=react-server): claims a pending rollback run
// under a short renewed lease, prints its id, then hangs until it is killed — a Firebreak
// process that dies between claiming a run and finishing it.
import { holdLease, LEASE_OWNER } from "@/lib/remediation/lease";
import { claimRun } from "@/lib/remediation/store";

const [incidentId, idempotencyKey, leaseMs] = process.argv.slice(2);
const claim = await claimRun({
  incidentId: Number(incidentId),
  kind: "rollback",
  actor: "killed-process",
  service: "api-optimizer",
  namespace: "default",
  targetKind: "Service",
  targetName: "api-optimizer",
  desired: "version=stable",
  idempotencyKey: idempotencyKey!,
  params: { selectorLabel: "version", from: "new", to: "stable" },
  kubectlCommand: "",
  leaseMs: Number(leaseMs),
  leaseOwner: LEASE_OWNER,
});
if (!claim) throw new Error("could not claim");
holdLease(claim.id, Number(leaseMs));
console.log(JSON.stringify({ claimed: claim.id }));
setInterval(() => undefined, 60_000);
