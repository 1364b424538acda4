/** Largest report accepted (upload or path). A 20 MB pretty report is tens of thousands of
 * findings; anything bigger is refused before it is parsed. Shared by the form schema and ingest. */
export const MAX_REPORT_BYTES_LIMIT = 20 * 1024 * 1024;

/** Largest file the upload form sends. Server actions refuse bodies over next.config.ts
 * `experimental.serverActions.bodySizeLimit` (21 MB) with an opaque error, so the form checks
 * first; keep the two in step. */
export const UPLOAD_MAX_BYTES = MAX_REPORT_BYTES_LIMIT;
