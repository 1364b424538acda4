import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listChannels } from "@/lib/notifications/channels";
import { AUDIENCE_LABELS, CHANNEL_KIND_LABELS } from "@/lib/notifications/types";
import { ChannelRowControls, CreateChannelForm } from "./channel-controls";

export const metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

/** Where Firebreak notifies (runbook 001 · Severity Levels: SEV-0 "Notify all stakeholders", SEV-1
 * "Notify technical stakeholders"; Security Procedures: "Notify security team"). URLs are secrets:
 * shown only as their host. */
export default async function NotificationSettingsPage() {
  const actor = await getActor();
  if (!can(actor, "admin")) return <p role="alert">Needs the admin role.</p>;
  const channels = await listChannels();
  return (
    <div className="max-w-5xl space-y-6">
      <h1 className="text-xl font-semibold">Notifications</h1>
      <p className="text-sm text-zinc-500">
        SEV-0 declared: all stakeholder channels. SEV-1 declared: technical stakeholders. Security
        containment: the security team&apos;s webhooks (the runbook&apos;s payload). Status changes and
        resolution: the channels the incident was announced on. Deliveries are retried with backoff.
      </p>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b">
            <th className="py-1">Channel</th>
            <th>Kind</th>
            <th>Audience</th>
            <th>URL</th>
            <th>Last delivery</th>
            <th>
              <span className="sr-only">Controls</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {channels.length === 0 && (
            <tr>
              <td colSpan={6} className="py-2 text-zinc-500">
                No channels yet.
              </td>
            </tr>
          )}
          {channels.map((c) => (
            <tr key={c.id} className="border-b border-zinc-200 align-top dark:border-zinc-800">
              <td className="py-1 font-medium">
                {c.name}
                {!c.enabled && <span className="ml-1 text-xs text-zinc-500">(disabled)</span>}
              </td>
              <td>{CHANNEL_KIND_LABELS[c.kind]}</td>
              <td>{AUDIENCE_LABELS[c.audience]}</td>
              <td className="font-mono text-xs">{c.maskedUrl}</td>
              <td>
                {c.last
                  ? `${c.last.event}: ${c.last.status}${c.last.statusCode ? ` (${c.last.statusCode})` : ""}`
                  : "—"}
              </td>
              <td>
                <ChannelRowControls channelId={c.id} name={c.name} enabled={c.enabled} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="space-y-2">
        <h2 className="font-medium">Add a channel</h2>
        <CreateChannelForm />
      </section>
    </div>
  );
}
