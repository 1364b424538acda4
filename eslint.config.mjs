import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ["lib/generated/**", ".next/**", ".next-*/**", ".data/**", "test-results/**", "next-env.d.ts"] },
  {
    // Configuration is read and validated in one place (lib/env.ts).
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/env.ts", "**/*.test.ts", "lib/testing/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts." },
      ],
    },
  },
];

export default config;
