# Trellis for production on Node.js 24 LTS: one image for every role (TRELLIS_ROLE=web|worker|all)
# and for `npm run migrate`. Build: docker build -t trellis .   Run: see compose.yaml and the README.

# Production dependencies only, from the lockfile (tsx, a dependency, runs the TypeScript sources).
FROM node:24-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# The sources production runs (src/main.ts never loads sandbox/), owned by root, run by `node`.
FROM node:24-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY webhooks ./webhooks
USER node
EXPOSE 3000
# Liveness of either role: web and worker processes both answer /healthz on PORT.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node runs as PID 1 with no shell or npm in between, so SIGTERM reaches Trellis, which drains and stops.
CMD ["node", "--import", "tsx", "src/main.ts"]
