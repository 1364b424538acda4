import "server-only";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ClientNodeJobs } from "@/lib/kube/client-node-jobs";
import { configuredConnection } from "@/lib/kube/client-node-request";

import { KubeJobScanRunner } from "../runner/kube-job-runner";
import { ProcessScanRunner } from "../runner/process-runner";
import type { ScanRunner } from "../runner/types";

/** The label every scan's Job carries, so that any process can find it by the scan. */
export const SCAN_ID_LABEL = "firebreak.dev/scan-id";

/** The cluster scans run in when SCANNER_RUNNER=kubernetes (null otherwise). */
export function scanJobs(): { jobs: ClientNodeJobs; namespace: string; image: string } | null {
  const env = getEnv();
  if (env.SCANNER_RUNNER !== "kubernetes") return null;
  if (!env.SCANNER_JOB_NAMESPACE || !env.SCANNER_JOB_IMAGE)
    throw new AppError(
      "UNAVAILABLE",
      "SCANNER_RUNNER=kubernetes needs SCANNER_JOB_NAMESPACE and SCANNER_JOB_IMAGE: Firebreak cannot run scans.",
    );
  const jobs = new ClientNodeJobs(configuredConnection());
  return { jobs, namespace: env.SCANNER_JOB_NAMESPACE, image: env.SCANNER_JOB_IMAGE };
}

/** The runner scans use: SCANNER_RUNNER=kubernetes runs each scan as a batch/v1 Job; otherwise
 * ApiHunter at APIHUNTER_BIN (a relative path is from the working directory). */
export function scanRunner(): ScanRunner {
  const env = getEnv();
  const cluster = scanJobs();
  if (cluster) {
    return new KubeJobScanRunner(cluster.jobs, {
      namespace: cluster.namespace,
      image: cluster.image,
      command: env.SCANNER_JOB_COMMAND.trim() ? env.SCANNER_JOB_COMMAND.trim().split(/\s+/) : undefined,
      serviceAccountName: env.SCANNER_JOB_SERVICE_ACCOUNT,
    });
  }
  const bin = env.APIHUNTER_BIN;
  if (!bin) throw new AppError("UNAVAILABLE", "APIHUNTER_BIN is not set: Firebreak cannot run scans.");
  // Joined by hand, not path.resolve: the build's file tracer reads path.resolve(<runtime value>)
  // as "any file under the project" and would copy the whole repository into the server output.
  return new ProcessScanRunner(bin.startsWith("/") ? bin : `${process.cwd()}/${bin}`);
}
