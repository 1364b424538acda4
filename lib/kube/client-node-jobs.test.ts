import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { ClientNodeJobs } from "./client-node-jobs";

/** A kubeconfig for an API server that is not there: any request sent would fail as unreachable. */
function nowhereKubeconfig(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "firebreak-kubeconfig-")), "config");
  writeFileSync(
    file,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters: [{name: c, cluster: {server: 'http://127.0.0.1:9'}}]",
      "users: [{name: u, user: {token: t}}]",
      "contexts: [{name: x, context: {cluster: c, user: u}}]",
      "current-context: x",
    ].join("\n"),
  );
  return file;
}

describe("Jobs through client-node", () => {
  it("refuses to delete Jobs by an empty label set (it would match every Job) before sending anything", async () => {
    const jobs = new ClientNodeJobs({ kubeconfigPath: nowhereKubeconfig(), timeoutMs: 1000 });
    await expect(jobs.deleteJobsLabelled("scans", {})).rejects.toThrow(
      "Deleting Jobs by label needs at least one label.",
    );
  });
});
