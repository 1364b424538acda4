"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { INPUT_CLASS } from "@/components/form-bits";
import { savePostmortemAction } from "./actions";

/** The whole postmortem as Markdown; each save is a new version. */
export function PostmortemEditor({ incidentId, markdown }: { incidentId: number; markdown: string }) {
  const router = useRouter();
  const [text, setText] = useState(markdown);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      aria-label="Edit the postmortem"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const res = await savePostmortemAction({ incidentId, markdown: text });
          if (!res.ok) return setMessage({ ok: false, text: res.error });
          setMessage({ ok: true, text: `Saved as version ${res.data.version}.` });
          router.push(`/incidents/${incidentId}/postmortem?version=${res.data.version}`);
        });
      }}
    >
      <label htmlFor="postmortem-markdown" className="block text-sm font-medium">
        Markdown
      </label>
      <textarea
        id="postmortem-markdown"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={28}
        className={`${INPUT_CLASS} font-mono text-xs`}
      />
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-zinc-100 dark:text-black"
        >
          Save as a new version
        </button>
        <span role="status" className={message && !message.ok ? "text-sm text-red-600" : "text-sm"}>
          {message?.text}
        </span>
      </div>
    </form>
  );
}
