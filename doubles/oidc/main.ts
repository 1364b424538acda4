// The OpenID provider double. Run: tsx doubles/oidc/main.ts --port 18070
// Flags: --port N, --host H, --client-id, --client-secret (the app's FIREBREAK_OIDC_* values).
import { parseArgs } from "node:util";

import { createOidcDouble } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "18070" },
    host: { type: "string", default: "127.0.0.1" },
    "client-id": { type: "string", default: "firebreak" },
    "client-secret": { type: "string", default: "firebreak-dev-secret" },
  },
});

const issuer = `http://${values.host}:${values.port}`;
const server = createOidcDouble({
  issuer,
  clientId: values["client-id"],
  clientSecret: values["client-secret"],
});
server.listen(Number(values.port), values.host, () => {
  console.log(`[oidc-double] issuer ${issuer} (client ${values["client-id"]})`);
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.close(() => process.exit(0)));
