"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";

import { FieldError, FormMessage, INPUT_CLASS, LABEL_CLASS, SubmitButton } from "@/components/form-bits";
import { UPLOAD_MAX_BYTES } from "@/lib/scanner/limits";

import { ingestPathAction, type IngestState } from "./actions";
import { uploadReport } from "./upload-report";

function Stored({ state }: { state: IngestState | null }) {
  if (!state?.ok) return null;
  return (
    <p role="status" className="rounded border border-emerald-500/40 bg-emerald-500/10 px-2 py-1 text-sm">
      Stored as{" "}
      <Link href={`/scanner/${state.data.id}`} className="font-medium underline">
        run #{state.data.id}
      </Link>
      .
    </p>
  );
}

const fieldError = (state: IngestState | null, ...fields: string[]) =>
  state && !state.ok ? fields.map((f) => state.fieldErrors?.[f]?.[0]).find(Boolean) : undefined;

const CHOOSE_FILE = "Choose an ApiHunter report file (--format pretty or ndjson).";

export function UploadReportForm() {
  const router = useRouter();
  const [state, setState] = useState<IngestState | null>(null);
  const [pending, setPending] = useState(false);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const error = tooBig ?? fieldError(state, "report");
  const onFile = (e: React.ChangeEvent<HTMLInputElement>) => {
    const size = e.currentTarget.files?.[0]?.size ?? 0;
    setTooBig(
      size > UPLOAD_MAX_BYTES
        ? `This file is ${(size / 1024 / 1024).toFixed(1)} MB; reports are limited to ${(UPLOAD_MAX_BYTES / 1024 / 1024).toFixed(1)} MB.`
        : null,
    );
  };
  const onSubmit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem("report") as HTMLInputElement | null)?.files?.[0];
    if (!file) {
      setState({
        ok: false,
        error: "Please fix the highlighted fields.",
        fieldErrors: { report: [CHOOSE_FILE] },
      });
      return;
    }
    setPending(true);
    try {
      const result = await uploadReport(file);
      setState(result);
      if (result.ok) router.refresh();
    } finally {
      setPending(false);
    }
  };
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Upload a report"
      className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <label htmlFor="scanner-report" className={LABEL_CLASS}>
        Report file{" "}
        <span className="font-normal text-zinc-500">(ApiHunter --format pretty or ndjson, up to 20 MB)</span>
      </label>
      <input
        id="scanner-report"
        name="report"
        type="file"
        onChange={onFile}
        accept=".json,.ndjson,.jsonl,application/json"
        aria-invalid={Boolean(error)}
        aria-describedby="scanner-report-error"
        className={INPUT_CLASS}
      />
      <FieldError id="scanner-report-error" message={error} />
      {!error ? <FormMessage state={state} /> : null}
      <Stored state={state} />
      <button
        type="submit"
        disabled={Boolean(tooBig) || pending}
        className="rounded bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900"
      >
        {pending ? "Ingesting…" : "Upload report"}
      </button>
    </form>
  );
}

export function IngestPathForm() {
  const [state, action] = useActionState<IngestState | null, FormData>(ingestPathAction, null);
  const error = fieldError(state, "path");
  return (
    <form
      action={action}
      noValidate
      aria-label="Ingest a report by path"
      className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <label htmlFor="scanner-path" className={LABEL_CLASS}>
        Report path{" "}
        <span className="font-normal text-zinc-500">(a regular file on the Firebreak server)</span>
      </label>
      <input
        id="scanner-path"
        name="path"
        defaultValue={state && !state.ok ? state.values?.path : ""}
        placeholder="/var/lib/apihunter/run-passive.json"
        aria-invalid={Boolean(error)}
        aria-describedby="scanner-path-error"
        className={`${INPUT_CLASS} font-mono`}
      />
      <FieldError id="scanner-path-error" message={error} />
      {!error ? <FormMessage state={state} /> : null}
      <Stored state={state} />
      <SubmitButton pendingText="Ingesting…">Ingest file</SubmitButton>
    </form>
  );
}
