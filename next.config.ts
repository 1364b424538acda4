import type { NextConfig } from "next";

import { devHosts } from "./lib/dev-hosts";
import { STATIC_SECURITY_HEADERS } from "./lib/security-headers";

/** Hosts a browser may open the dev server from besides localhost (lib/dev-hosts.ts). Next
 * refuses the dev HMR websocket and dev assets from any other origin, and the page then never
 * becomes interactive. Production (`next start`) ignores this list. */
function devOrigins(): string[] {
  return devHosts(process.env.FIREBREAK_DEV_ORIGINS).filter((h) => h !== "localhost");
}

const nextConfig: NextConfig = {
  allowedDevOrigins: devOrigins(),
  // The image runs `node server.js` from `<distDir>/standalone` with no dev dependencies (Dockerfile);
  // `next start` (tests, `npm start`) works on the same build. Files read at run time are traced in.
  output: "standalone",
  // "**" matches every entry: the routes and also the instrumentation hook (the collector and job
  // workers), whose trace "/**" did not cover.
  outputFileTracingIncludes: { "**": ["./playbooks/**/*", "./prisma/migrations/**/*"] },
  // Reads under process.cwd() make the tracer copy the whole tree; the image needs none of this.
  outputFileTracingExcludes: {
    "**": [
      "./{app,components,lib,doubles,e2e,docs,scripts,test-results,.data}/**/*",
      "./*.md",
      "./.next*/cache/**/*",
    ],
  },
  // Tests build into their own folder so a developer's `next dev` is left alone.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // pg, pg-boss, the Kubernetes client and prom-client stay plain Node modules on the server.
  serverExternalPackages: ["pg", "pg-boss", "@kubernetes/client-node", "undici", "prom-client"],
  poweredByHeader: false,
  // On every response, build assets included; the per-request CSP is set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
