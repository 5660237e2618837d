# kyc-sim: the simulator as a container. Configured only through environment variables
# (see README "Configuration"); listens on 0.0.0.0:4010.
#
#   docker build -t kyc-sim .
#   docker run --rm -p 4010:4010 -e TIME_SCALE=60 kyc-sim
#
# Behind a TLS-intercepting proxy, pass its CA to npm in the build stages:
#   podman build -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro \
#     --build-arg NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt -t kyc-sim .

# ---- build: every dependency, compile TypeScript to dist/ ----------------------------------------
FROM node:22-bookworm-slim AS build
ARG NODE_EXTRA_CA_CERTS
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- deps: production dependencies only -----------------------------------------------------------
FROM node:22-bookworm-slim AS deps
ARG NODE_EXTRA_CA_CERTS
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ---- runtime: node + dist + production node_modules, as user node ---------------------------------
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    KYC_SIM_IN_CONTAINER=true
WORKDIR /app
# Owned by root and read-only for the app user: kyc-sim keeps all state in memory.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json README.md ./
COPY scenarios ./scenarios
COPY fixtures ./fixtures
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4010
# No curl in the image: the CLI asks GET /__admin/health on 127.0.0.1:$PORT.
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "dist/cli/main.js", "healthcheck"]
# Exec form: node is PID 1 and handles SIGTERM/SIGINT itself (stops accepting requests, lets
# in-flight webhook deliveries finish within a bound, exits 0), so `docker stop` is immediate.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["serve"]
