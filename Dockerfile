# The chatshare server as an image: `docker build -t chatshare .`, then see compose.yaml.
# BASE_IMAGE is any Debian-based image with Node.js ≥ 20.19 and npm on PATH; the build and
# runtime stages both start from it, so the compiled SQLite driver matches the runtime.
ARG BASE_IMAGE=node:20-bookworm-slim

FROM ${BASE_IMAGE} AS dependencies
# The SQLite driver compiles from source when no prebuilt binary can be downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so editing the sources does not reinstall them. Install scripts wait
# for the sources (the root postinstall builds them); the two packages that need theirs get
# them at once.
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/client/package.json packages/client/
COPY packages/react/package.json packages/react/
COPY packages/web/package.json packages/web/
COPY packages/server/package.json packages/server/
COPY packages/cli/package.json packages/cli/
RUN npm ci --ignore-scripts --no-audit --no-fund \
  && npm rebuild better-sqlite3 esbuild

# The command's own dependencies, without the workspaces' build tools, at the lockfile's
# versions. The SQLite driver is the one compiled above (same version, same base image).
FROM dependencies AS production-dependencies
WORKDIR /prod
RUN node -e "const p = require('/src/packages/cli/package.json'); \
  require('fs').writeFileSync('package.json', JSON.stringify({ name: 'chatshare-image', private: true, type: 'module', dependencies: p.dependencies }))" \
  && cp /src/package-lock.json . \
  && npm install --omit=dev --ignore-scripts --no-audit --no-fund \
  && mkdir -p node_modules/better-sqlite3/build/Release \
  && cp /src/node_modules/better-sqlite3/build/Release/better_sqlite3.node node_modules/better-sqlite3/build/Release/ \
  && rm package-lock.json

FROM dependencies AS build
COPY . .
# The owner app (packages/web/dist) and the `chatshare` command that carries it (packages/cli/dist).
RUN npm run build:cli

FROM ${BASE_IMAGE}
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=3000 \
  DATA_DIR=/data
RUN groupadd --system --gid 10001 chatshare \
  && useradd --system --uid 10001 --gid chatshare --home-dir /app --no-create-home --shell /usr/sbin/nologin chatshare \
  && install -d -o chatshare -g chatshare -m 700 /data
WORKDIR /app
COPY --from=production-dependencies /prod/node_modules ./node_modules
COPY --from=build /src/packages/cli/package.json ./
COPY --from=build /src/packages/cli/bin ./bin
COPY --from=build /src/packages/cli/dist ./dist
USER chatshare
# SQLite and the generated session secret live here (unused with DATABASE_URL and SESSION_SECRET).
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `docker run chatshare migrate` and `docker run -it chatshare admin create …` run the other commands.
ENTRYPOINT ["node", "/app/bin/chatshare.js"]
CMD ["serve"]
