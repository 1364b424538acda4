"use client";

import { useActionState, useState, useTransition } from "react";

import { INPUT_CLASS, LABEL_CLASS } from "@/components/form-bits";
import { AUDIENCE_LABELS, AUDIENCES, CHANNEL_KIND_LABELS, CHANNEL_KINDS } from "@/lib/notifications/types";
import { createChannelAction, deleteChannelAction, setChannelEnabledAction, testSendAction } from "./actions";

export function ChannelRowControls({
  channelId,
  name,
  enabled,
}: {
  channelId: number;
  name: string;
  enabled: boolean;
}) {
  const [pending, start] = useTransition();
  const [said, say] = useState("");
  const run = (f: () => Promise<{ ok: boolean; error?: string }>, done: string) =>
    start(async () => {
      const res = await f();
      say(res.ok ? done : (res.error ?? "Failed"));
    });
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      <button
        type="button"
        disabled={pending}
        className="underline"
        onClick={() => run(() => testSendAction({ channelId }), "Test queued; see the last delivery")}
      >
        Test send<span className="sr-only"> to {name}</span>
      </button>
      <button
        type="button"
        disabled={pending}
        className="underline"
        onClick={() => run(() => setChannelEnabledAction({ channelId, enabled: !enabled }), "")}
      >
        {enabled ? "Disable" : "Enable"}
        <span className="sr-only"> {name}</span>
      </button>
      <button
        type="button"
        disabled={pending}
        className="text-red-600 underline"
        onClick={() => confirm(`Delete ${name}?`) && run(() => deleteChannelAction({ channelId }), "")}
      >
        Delete<span className="sr-only"> {name}</span>
      </button>
      <span role="status">{said}</span>
    </div>
  );
}

export function CreateChannelForm() {
  const [state, action, pending] = useActionState(createChannelAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form
      action={action}
      aria-label="Add a notification channel"
      noValidate
      className="grid max-w-xl gap-3 text-sm"
    >
      <label>
        <span className={LABEL_CLASS}>Name</span>
        <input name="name" className={INPUT_CLASS} placeholder="#incidents" aria-invalid={!!errors.name} />
        <Err messages={errors.name} />
      </label>
      <label>
        <span className={LABEL_CLASS}>Kind</span>
        <select name="kind" className={INPUT_CLASS}>
          {CHANNEL_KINDS.map((k) => (
            <option key={k} value={k}>
              {CHANNEL_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className={LABEL_CLASS}>Audience</span>
        <select name="audience" className={INPUT_CLASS}>
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {AUDIENCE_LABELS[a]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className={LABEL_CLASS}>Webhook URL (a secret: never shown again in full)</span>
        <input
          name="secretUrl"
          type="password"
          autoComplete="off"
          className={INPUT_CLASS}
          aria-invalid={!!errors.secretUrl}
        />
        <Err messages={errors.secretUrl} />
      </label>
      <label>
        <span className={LABEL_CLASS}>Signing secret (signed webhooks; empty: Firebreak makes one)</span>
        <input
          name="signingSecret"
          type="password"
          autoComplete="off"
          className={INPUT_CLASS}
          aria-invalid={!!errors.signingSecret}
        />
        <Err messages={errors.signingSecret} />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="w-fit rounded bg-zinc-900 px-3 py-1.5 text-white dark:bg-zinc-100 dark:text-black"
      >
        Add channel
      </button>
      <div role="status" className="text-sm">
        {state && !state.ok && <p className="text-red-600">{state.error}</p>}
        {state?.ok && <p>Channel added.</p>}
        {state?.ok && state.data.signingSecret && (
          <p>
            Its signing secret, shown this once — give it to the receiver:{" "}
            <code className="break-all">{state.data.signingSecret}</code>
          </p>
        )}
      </div>
    </form>
  );
}

function Err({ messages }: { messages?: string[] }) {
  return messages?.length ? <span className="mt-1 block text-xs text-red-600">{messages[0]}</span> : null;
}
