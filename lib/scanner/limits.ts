/** Largest report accepted (upload or path). A 20 MB pretty report is tens of thousands of
 * findings; anything bigger is refused before it is parsed. Shared by the form schema and ingest. */
export const MAX_REPORT_BYTES_LIMIT = 20 * 1024 * 1024;

/** Largest file the upload form sends: it checks before sending (POST /api/scanner/reports
 * refuses anything bigger with 413 while streaming). */
export const UPLOAD_MAX_BYTES = MAX_REPORT_BYTES_LIMIT;
