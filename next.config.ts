import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Tests build into their own folder so a developer's `next dev` is left alone.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // pg and the Kubernetes client stay plain Node modules on the server.
  serverExternalPackages: ["pg", "@kubernetes/client-node"],
  poweredByHeader: false,
  experimental: {
    // Scanner reports are uploaded through a server action (lib/scanner/limits.ts allows 20 MB);
    // with the 1 MB default a large note or report would fail with an opaque error instead of
    // reaching the zod schema that refuses it with a clear message.
    serverActions: { bodySizeLimit: "21mb" },
  },
};

export default nextConfig;
