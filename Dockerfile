# syntax=docker/dockerfile:1
# Botyard: build with `docker build -t botyard .`, run with compose.yaml (see docs/deploy.md).
#
# The lockfile pins the `node` npm package (Node 24.x), whose preinstall fetches the Node binary
# as a package from the npm registry. `npm ci --ignore-scripts` skips that (and the web build in
# postinstall), so each stage installs without scripts and then runs `npm rebuild node`, which
# runs only that package's install step.

ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: full dependencies, builds the web UI into web/dist ---------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild node
COPY . .
RUN npm run build:web

# --- deps: production dependencies and the pinned Node binary -----------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# node_modules/node/bin/node is a hard link to the binary; the arch package beside it (removed
# here) is mostly C headers, over 60 MB.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild node \
 && rm -rf node_modules/node/node_modules/node-linux-* \
 && node_modules/.bin/node --version \
 && npm cache clean --force

# --- runtime ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# pg_dump for `botyard backup` on PostgreSQL; it must be at least the server's major version, and
# Debian bookworm ships 15, so the client comes from the PostgreSQL project's apt repository.
ARG PG_MAJOR=16
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates postgresql-common \
 && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
 && apt-get install -y --no-install-recommends postgresql-client-${PG_MAJOR} \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 botyard \
 && useradd --system --uid 10001 --gid botyard --home-dir /app --shell /usr/sbin/nologin botyard \
 && mkdir -p /var/lib/botyard/data /var/lib/botyard/backups \
 && chown -R botyard:botyard /var/lib/botyard

WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/web/dist ./web/dist
COPY package.json package-lock.json ./
COPY src ./src
# The blank PGlite data directory a first start copies (src/platform/db/blank-data-dir.ts), made
# here once instead of by initdb at every container's first start.
RUN node_modules/.bin/node --input-type=module \
      -e 'await (await import("./src/platform/db/blank-data-dir.ts")).prepareBlankDataDir()'

ENV HOST=0.0.0.0
ENV PORT=3000
ENV DATA_DIR=/var/lib/botyard/data
ENV BACKUP_DIR=/var/lib/botyard/backups

USER botyard
VOLUME ["/var/lib/botyard"]
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node_modules/.bin/node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT ?? 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is the main process (not npm), so SIGTERM reaches the app's graceful shutdown.
CMD ["node_modules/.bin/node", "src/cli.ts", "start"]
