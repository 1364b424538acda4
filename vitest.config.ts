import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; tests run lib code directly.
  "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only.ts"),
};

// The test doubles listen on loopback; outbound fetches of configured URLs (lib/net) refuse
// private ranges unless allowlisted, exactly as in production.
const env = { OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8" };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          env,
          include: [
            "lib/**/*.test.ts",
            "doubles/**/*.test.ts",
            "scripts/**/*.test.ts",
            "components/**/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          env,
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ".next*/**"],
          globalSetup: ["lib/testing/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
