import { describe, expect, it } from "vitest";

import { jobManifest } from "./jobs";

describe("Job manifest", () => {
  it("one pod, never retried, no API token, files projected read-only from the pod's own annotations", () => {
    const m = jobManifest({
      namespace: "scans",
      name: "firebreak-scan-1",
      labels: { "app.kubernetes.io/managed-by": "firebreak" },
      image: "registry.local/apihunter:0.3.0",
      command: ["apihunter"],
      args: ["--urls", "/var/run/firebreak/targets.txt"],
      files: { dir: "/var/run/firebreak", entries: { "targets.txt": "https://a\n" } },
      activeDeadlineSeconds: 1860,
      ttlSecondsAfterFinished: 3600,
    });
    expect(m.spec).toMatchObject({
      backoffLimit: 0,
      activeDeadlineSeconds: 1860,
      ttlSecondsAfterFinished: 3600,
    });
    const pod = m.spec.template;
    expect(pod.metadata.annotations).toEqual({ "firebreak.dev/file.targets.txt": "https://a\n" });
    expect(pod.spec).toMatchObject({ restartPolicy: "Never", automountServiceAccountToken: false });
    expect(pod.spec.containers[0]).toEqual({
      name: "main",
      image: "registry.local/apihunter:0.3.0",
      command: ["apihunter"],
      args: ["--urls", "/var/run/firebreak/targets.txt"],
      volumeMounts: [{ name: "files", mountPath: "/var/run/firebreak", readOnly: true }],
    });
    expect(pod.spec.volumes).toEqual([
      {
        name: "files",
        downwardAPI: {
          items: [
            {
              path: "targets.txt",
              fieldRef: { fieldPath: "metadata.annotations['firebreak.dev/file.targets.txt']" },
            },
          ],
        },
      },
    ]);
  });
});
