// The seeded cluster: namespaces and, in demo mode, the blue/green API Latency Optimizer app
// (runbook 001: `kubectl patch service api-optimizer … "value": "stable"` switches traffic back).
import type { Controller } from "./controller";
import type { ResourceHandlers } from "./handlers";
import { LOG_ERROR_RATE_ANNOTATION, podStatus } from "./pods";
import { findResourceType } from "./resources";
import type { Store } from "./store";
import type { KObject } from "./types";

const NAMESPACES = findResourceType("", "v1", "namespaces")!;
const DEPLOYMENTS = findResourceType("apps", "v1", "deployments")!;
const SERVICES = findResourceType("", "v1", "services")!;
const PODS = findResourceType("", "v1", "pods")!;
const CONFIGMAPS = findResourceType("", "v1", "configmaps")!;
const SECRETS = findResourceType("", "v1", "secrets")!;

export const DEMO = {
  namespace: "default",
  app: "api-optimizer",
  deployment: "api-optimizer",
  stableDeployment: "api-optimizer-stable",
  service: "api-optimizer",
  /** Images of the 3 revisions of the `new` deployment, oldest first. */
  newImages: [
    "registry.local/api-optimizer:2.0.3",
    "registry.local/api-optimizer:2.1.0",
    "registry.local/api-optimizer:2.1.1",
  ],
  stableImage: "registry.local/api-optimizer:2.0.3",
  replicas: 3,
} as const;

const DAY = 86_400_000;

function deployment(
  name: string,
  version: string,
  image: string,
  errorRate: string,
  changeCause: string,
): KObject {
  const labels = { app: DEMO.app, version };
  return {
    metadata: {
      name,
      namespace: DEMO.namespace,
      labels: { app: DEMO.app },
      annotations: { "kubernetes.io/change-cause": changeCause },
    },
    spec: {
      replicas: DEMO.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations: { [LOG_ERROR_RATE_ANNOTATION]: errorRate } },
        spec: {
          containers: [
            {
              name: "api-optimizer",
              image,
              ports: [{ name: "http", containerPort: 8080 }],
              readinessProbe: { httpGet: { path: "/health/live", port: 8080 }, periodSeconds: 5 },
            },
          ],
        },
      },
    },
  };
}

export function seedCluster(
  store: Store,
  controller: Controller,
  handlers: ResourceHandlers,
  opts: { demo: boolean },
): void {
  const now = Date.now();
  const none = new URLSearchParams();
  controller.instant = true;
  try {
    for (const ns of ["default", "kube-system"])
      store.create(
        NAMESPACES,
        {
          metadata: { name: ns, labels: { "kubernetes.io/metadata.name": ns } },
          spec: { finalizers: ["kubernetes"] },
          status: { phase: "Active" },
        },
        new Date(now - 60 * DAY),
      );
    if (!opts.demo) return;
    const at = (t: number) => (controller.clock = () => new Date(t));

    at(now - 30 * DAY);
    handlers.create(
      SERVICES,
      DEMO.namespace,
      {
        metadata: { name: DEMO.service, labels: { app: DEMO.app } },
        spec: {
          selector: { app: DEMO.app, version: "new" },
          ports: [{ name: "http", port: 80, targetPort: 8080 }],
        },
      },
      none,
    );
    // Runbook 001 "auto-tuning": kubectl patch configmap api-optimizer-config … /data/cache_size, default_ttl, max_connections.
    handlers.create(
      CONFIGMAPS,
      DEMO.namespace,
      {
        metadata: { name: "api-optimizer-config", labels: { app: DEMO.app } },
        data: { cache_size: "1000", default_ttl: "10m", max_connections: "25", eviction_policy: "lru" },
      },
      none,
    );
    handlers.create(
      SECRETS,
      DEMO.namespace,
      {
        metadata: { name: "api-optimizer-secrets", labels: { app: DEMO.app } },
        type: "Opaque",
        stringData: { upstream_api_key: "demo-not-a-real-key" },
      },
      none,
    );
    handlers.create(
      DEPLOYMENTS,
      DEMO.namespace,
      deployment(DEMO.stableDeployment, "stable", DEMO.stableImage, "0.01", "stable release 2.0.3"),
      none,
    );
    handlers.create(
      DEPLOYMENTS,
      DEMO.namespace,
      deployment(DEMO.deployment, "new", DEMO.newImages[0], "0.2", "initial release 2.0.3"),
      none,
    );
    controller.flush();

    // Two more rollouts of the `new` deployment: revisions 2 and 3.
    const rollouts: Array<[number, string, string]> = [
      [now - 9 * DAY, DEMO.newImages[1], "image bump to 2.1.0"],
      [now - 26 * 3600_000, DEMO.newImages[2], "image bump to 2.1.1 (route cache rewrite)"],
    ];
    for (const [t, image, cause] of rollouts) {
      at(t);
      handlers.patch(
        DEPLOYMENTS,
        DEMO.namespace,
        DEMO.deployment,
        "strategic",
        {
          metadata: { annotations: { "kubernetes.io/change-cause": cause } },
          spec: { template: { spec: { containers: [{ name: "api-optimizer", image }] } } },
        },
        none,
      );
      controller.flush();
    }

    // One pod of the new version has been crash-looping a little (OOMKilled twice).
    const crashy = store.list(PODS, DEMO.namespace).find((p) => p.metadata.labels?.version === "new");
    if (crashy) {
      const startedAt = new Date(Date.parse(String(crashy.status?.startTime)));
      crashy.status = podStatus(crashy, {
        ready: true,
        podIP: String(crashy.status?.podIP),
        startedAt,
        readyAt: new Date(now - 3 * 3600_000),
        restartCount: 2,
      });
      store.update(PODS, crashy);
    }
    controller.flush();
  } finally {
    controller.instant = false;
    controller.clock = () => new Date();
  }
}
