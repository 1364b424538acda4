// A real OpenID provider for development and tests (the certified `oidc-provider` package):
// authorization code + PKCE, discovery, JWKS, userinfo, a `groups` claim and a plain sign-in
// page. It stands in for Keycloak, Dex, Okta, Google or Entra ID; the app reaches it only
// through its issuer URL, client id and secret.
import { createServer, type IncomingMessage, type Server } from "node:http";

import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

import { loginPage } from "./login-page";
import { DEMO_PASSWORD, findDemoUser, subjectFor } from "./users";

export type OidcDoubleOptions = {
  issuer: string;
  clientId: string;
  clientSecret: string;
};

const CALLBACK_PATH = "/api/auth/callback/oidc";

export function createOidcDouble(opts: OidcDoubleOptions): Server {
  const provider = new Provider(opts.issuer, configuration(opts));
  // The app runs on whatever host/port the developer or test picked, so any http(s) URL whose
  // path is the app's OIDC callback is a registered redirect URI here (never in a real IdP).
  provider.Client.prototype.redirectUriAllowed = function (uri: string) {
    try {
      const url = new URL(uri);
      return (url.protocol === "http:" || url.protocol === "https:") && url.pathname === CALLBACK_PATH;
    } catch {
      return false;
    }
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = () => true;
  const callback = provider.callback();

  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", opts.issuer);
    if (url.pathname === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      return;
    }
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (interaction) {
      void handleInteraction(provider, req, res, interaction[1]!, Boolean(interaction[2])).catch((e) => {
        res.writeHead(400, { "content-type": "text/plain" }).end(`interaction failed: ${String(e)}`);
      });
      return;
    }
    callback(req, res);
  });
}

async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: import("node:http").ServerResponse,
  uid: string,
  isSubmit: boolean,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  if (!isSubmit || req.method !== "POST") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(loginPage({ uid, clientId: String(details.params.client_id) }));
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  const user = findDemoUser(form.get("user") ?? "");
  if (!user || form.get("password") !== DEMO_PASSWORD) {
    res.writeHead(401, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(
      loginPage({ uid, clientId: String(details.params.client_id), error: "Wrong person or password." }),
    );
    return;
  }
  const accountId = subjectFor(user, form.get("shownAs") ?? undefined);
  await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
}

function configuration(opts: OidcDoubleOptions): Configuration {
  return {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: [`http://127.0.0.1:3000${CALLBACK_PATH}`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    scopes: ["openid", "profile", "email", "groups"],
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username"],
      email: ["email", "email_verified"],
      groups: ["groups"],
    },
    // Claims in the ID token too, as most enterprise IdPs are configured for a groups claim.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // One first-party client: consent is implied, as an organisation's IdP does for its own apps.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid profile email groups");
      grant.addOIDCClaims(["name", "preferred_username", "email", "email_verified", "groups"]);
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, sub) => {
      const user = findDemoUser(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          name: user.name,
          preferred_username: user.email.split("@")[0],
          email: user.email,
          email_verified: true,
          groups: user.groups,
        }),
      };
    },
    cookies: { keys: ["firebreak-oidc-double-cookie-key"] },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 120,
      IdToken: 3600,
      Interaction: 600,
      Session: 86400,
      Grant: 86400,
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error("body too large"));
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}
