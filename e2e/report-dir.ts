import path from "node:path";

/** The one directory "ingest by path" reads in the e2e stack (SCANNER_REPORT_DIR). */
export const SCANNER_REPORT_DIR = path.resolve(".data/e2e/scanner-reports");
