# syntax=docker/dockerfile:1
#
# Cadenza images, built from the repository root (the compose file sets context: ..):
#
#   docker build -f docker/api.Dockerfile --target api -t cadenza-api .   # the api (default target)
#   docker build -f docker/api.Dockerfile --target web -t cadenza-web .   # nginx with the built portal and console
#
# The build context is filtered by docker/api.Dockerfile.dockerignore (BuildKit reads <Dockerfile>.dockerignore).

ARG NODE_IMAGE=node:24-bookworm
ARG NODE_RUNTIME_IMAGE=node:24-bookworm-slim
ARG NGINX_IMAGE=nginx:1.27-alpine

# ---- build: the api and the worker (tsc + tsc-alias into dist/server) and both Angular apps (dist/apps/*/browser) ----------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_SKIP_NX_CACHE=true \
    CI=true
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -p apps/api/tsconfig.app.json \
 && npx tsc-alias -p apps/api/tsconfig.alias.json --resolve-full-paths \
 && npx tsc -p apps/worker/tsconfig.app.json \
 && npx tsc-alias -p apps/worker/tsconfig.alias.json --resolve-full-paths
RUN npx nx build console \
 && npx nx build portal \
 && test -f dist/apps/console/browser/index.html \
 && test -f dist/apps/portal/browser/index.html

# ---- prod-deps: runtime node_modules only (no dev dependencies) -------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ---- web: nginx serving the portal at / and the console at /console/, proxying the api ---------------------
FROM ${NGINX_IMAGE} AS web
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY docker/nginx-static.inc /etc/nginx/conf.d/cadenza-static.inc
COPY --from=build /app/dist/apps/portal/browser /usr/share/nginx/html/portal
COPY --from=build /app/dist/apps/console/browser /usr/share/nginx/html/console
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/nginx-health || exit 1

# ---- api: the runtime (last stage, so it is the default target) --------------------------------------------
FROM ${NODE_RUNTIME_IMAGE} AS api
WORKDIR /app
# HOST=0.0.0.0: listen on the container's interface (the app's default, 127.0.0.1, is for a laptop).
# The api also serves the web apps from CADENZA_WEB_DIR when run without nginx in front.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    CADENZA_WEB_DIR=/app/dist/apps \
    CADENZA_DATA_DIR=/tmp/cadenza
# package.json carries "type": "module": the compiled dist/server files are ES modules.
COPY --chown=node:node package.json ./
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist/server ./dist/server
COPY --from=build --chown=node:node /app/dist/apps/portal/browser ./dist/apps/portal/browser
COPY --from=build --chown=node:node /app/dist/apps/console/browser ./dist/apps/console/browser
# Attachment bytes (ATTACHMENTS_DIR): a volume mounted here starts owned by the user that writes it.
RUN mkdir -p /var/lib/cadenza/attachments && chown -R node:node /var/lib/cadenza
USER node
EXPOSE 3000
# Ready = the database (and Redis, when REDIS_URL is set) answer; see /health/ready.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations are a separate one-shot step (compose: the `migrate` service):
#   docker run --rm --env-file … cadenza-api node dist/server/apps/api/src/migrate.js
CMD ["node", "dist/server/apps/api/src/main.js"]
