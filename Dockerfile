# Adal in a container: SQLite on the /data volume by default, PostgreSQL when
# DATABASE_URL says so. See README.md, "Docker".

# ── build: dependencies (better-sqlite3 compiles from source), client, server build
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
# Sources first: `npm ci`'s postinstall generates the Prisma clients from
# prisma/schema.prisma, and the Prisma CLI loads prisma.config.ts, which
# imports app/db/ and prisma/migrate/.
COPY . .
RUN npm ci --no-audit --no-fund
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ── runtime
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
  PORT=3000 \
  DATABASE_URL=file:/data/adal.db \
  ADAL_DATA_DIR=/data \
  CHECKPOINT_DISABLE=1 \
  PRISMA_HIDE_UPDATE_MESSAGE=1
# Owned by root and read-only to the app; only /data is writable by it.
COPY --from=build /app/package.json /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/public ./public
COPY --from=build /app/server ./server
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/prisma ./prisma
# prisma.config.ts (for `migrate deploy`) imports app/db/; `npm run admin:create`
# runs app/ modules and the generated Prisma client through tsx.
COPY --from=build /app/app ./app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations first, then the server (exec: it receives SIGTERM and stops cleanly).
CMD ["sh", "-c", "node scripts/db/migrate.js deploy && exec node --max-old-space-size=192 server/cluster.js"]
