import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Tests build into their own folder so a developer's `next dev` is left alone.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // pg and the Kubernetes client stay plain Node modules on the server.
  serverExternalPackages: ["pg", "@kubernetes/client-node"],
  poweredByHeader: false,
};

export default nextConfig;
