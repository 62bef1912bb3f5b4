# Multi-stage build: dependencies and build in one stage, a slim runtime with Chromium (PDF reports) in the next.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY client/package.json client/package.json
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
# pg_dump/pg_restore for `cli backup`/`restore` must be at least the server's version (docker-compose runs
# PostgreSQL 17; Debian bookworm ships 15), hence the PostgreSQL project's own apt repository.
ARG PG_CLIENT_VERSION=17
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-liberation ca-certificates curl \
 && install -d /usr/share/postgresql-common/pgdg \
 && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc \
 && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
      > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-${PG_CLIENT_VERSION} \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production CHROMIUM_PATH=/usr/bin/chromium PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# Report templates are read at run time (src/reports/templates/*.hbs); tsc does not copy them into dist.
COPY --from=build --chown=node:node /app/src/reports/templates ./src/reports/templates
COPY --from=build --chown=node:node /app/src/publication/templates ./src/publication/templates
COPY --from=build --chown=node:node /app/client/dist ./client/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD curl -fs http://127.0.0.1:3000/api/health || exit 1
# One image, two processes in a deployment: PROCESS_ROLE=api (HTTP) and PROCESS_ROLE=worker (reports, Chromium),
# as docker-compose.yml runs it, so the API process never holds the report libraries; unset, one process does both.
# A young generation of 2 × 8 MB (V8 sizes it from the machine: up to 2 × 64 MB), and an old space let grow to 1.5 ×
# what the last full collection kept (V8 allows up to 4 × on a large machine); no heap limit: see docs/benchmarks.md.
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=50", "dist/src/main.js"]
