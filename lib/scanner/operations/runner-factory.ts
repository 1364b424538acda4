import "server-only";
import path from "node:path";

import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { ProcessScanRunner } from "../runner/process-runner";
import type { ScanRunner } from "../runner/types";

/** The runner scans use: ApiHunter at APIHUNTER_BIN (a relative path is from the working directory). */
export function scanRunner(): ScanRunner {
  const bin = getEnv().APIHUNTER_BIN;
  if (!bin) throw new AppError("UNAVAILABLE", "APIHUNTER_BIN is not set: Firebreak cannot run scans.");
  return new ProcessScanRunner(path.resolve(bin));
}
