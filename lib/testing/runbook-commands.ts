// The scanner runbook's (runbook 000) commands as its text writes them, for tests to compare the
// command Firebreak runs with: written out here, never derived from the code under test.
const words = (text: string): string[] => text.trim().split(/\s+/);

/** Runbook 000 · Stage 1 (limited canary active checks): the flags after `--urls <file>`. */
export const RUNBOOK_CANARY_FLAGS = words(
  "--active-checks --no-discovery --concurrency 4 --delay-ms 250 --retries 1 --timeout-secs 8",
);
