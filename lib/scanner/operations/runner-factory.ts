import "server-only";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { ProcessScanRunner } from "../runner/process-runner";
import type { ScanRunner } from "../runner/types";

/** The runner scans use: ApiHunter at APIHUNTER_BIN (a relative path is from the working directory). */
export function scanRunner(): ScanRunner {
  const bin = getEnv().APIHUNTER_BIN;
  if (!bin) throw new AppError("UNAVAILABLE", "APIHUNTER_BIN is not set: Firebreak cannot run scans.");
  // Joined by hand, not path.resolve: the build's file tracer reads path.resolve(<runtime value>)
  // as "any file under the project" and would copy the whole repository into the server output.
  return new ProcessScanRunner(bin.startsWith("/") ? bin : `${process.cwd()}/${bin}`);
}
