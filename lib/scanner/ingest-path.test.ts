import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { readReportFile } from "./ingest-path";

const dir = realpathSync(mkdtempSync(join(tmpdir(), "fb-report-dir-")));

describe("readReportFile", () => {
  it("is off, with a plain message, when no report directory is configured", async () => {
    await expect(readReportFile(undefined, "/etc/passwd", 1024)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/^Ingest by path is off on this server: SCANNER_REPORT_DIR/),
    });
  });

  it("reads a regular file inside the directory", async () => {
    writeFileSync(join(dir, "ok.json"), "{}");
    await expect(readReportFile(dir, join(dir, "ok.json"), 1024)).resolves.toBe("{}");
  });

  it("refuses a file over the limit by the opened handle's size", async () => {
    writeFileSync(join(dir, "big.json"), "x".repeat(2048));
    await expect(readReportFile(dir, join(dir, "big.json"), 1024)).rejects.toMatchObject({
      message: expect.stringMatching(/big\.json is 2 KB; the limit is 1 KB/),
    });
  });

  it("refuses a FIFO without blocking on it", async () => {
    execFileSync("mkfifo", [join(dir, "pipe.json")]);
    await expect(readReportFile(dir, join(dir, "pipe.json"), 1024)).rejects.toMatchObject({
      message: expect.stringMatching(/is not a regular file/),
    });
  });

  it("names the field so the form shows the error beside the path", async () => {
    await expect(readReportFile(dir, "/etc/passwd", 1024)).rejects.toMatchObject({
      fieldErrors: { path: [expect.stringMatching(/is outside the report directory/)] },
    });
  });
});
