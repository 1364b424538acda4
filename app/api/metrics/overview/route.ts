import { loadOverview } from "@/lib/dashboards/load-overview";
import { defineRoute } from "@/lib/route-handler";

export const dynamic = "force-dynamic";

/** Live data of the dashboards overview (polled by TanStack Query). */
export const GET = defineRoute({ name: "overview", permission: "incident:read" }, async () => loadOverview());
