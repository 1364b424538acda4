# Firebreak's image: the Next.js standalone server, run as a non-root user with no dev
# dependencies. Migrations are a separate command of the same image:
#   docker build -t firebreak .
#   docker run --rm -e DATABASE_URL=… firebreak node scripts/migrate.mjs     # before new pods serve
#   docker run -p 3000:3000 -e DATABASE_URL=… -e FIREBREAK_OIDC_ISSUER=… firebreak
# (deploy/ runs the migration as a Job and the server as a Deployment.)

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/prisma-generate.mjs
# The lockfile is committed; postinstall generates the Prisma client (no native engine needed).
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
# Next 16's file tracing leaves some server chunks of external packages out of standalone/.
COPY --from=build --chown=node:node /app/.next/server ./.next/server
COPY --from=build --chown=node:node /app/public ./public
COPY --from=build --chown=node:node /app/playbooks ./playbooks
COPY --from=build --chown=node:node /app/prisma/migrations ./prisma/migrations
# The migration runner uses the pg driver the standalone server already ships in node_modules.
COPY --from=build --chown=node:node /app/scripts/migrate.mjs ./scripts/migrate.mjs
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
