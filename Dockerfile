# Ansinh runtime image: the TypeScript sources run directly with tsx (no build step).
# Used by docker-compose.yml for the `migrate` and `worker` services.
FROM node:20-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

# Dependencies first, so this layer is cached until package*.json change.
# tsx is a runtime dependency ("dependencies" in package.json), so --omit=dev keeps it.
# The postinstall script patches postgres.js (lost connections must not kill the process).
COPY package.json package-lock.json ./
COPY db/patches ./db/patches
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# Application sources (root-owned, read-only for the runtime user).
COPY tsconfig.json ./
COPY bin ./bin
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY services ./services
COPY worker ./worker
COPY client ./client
COPY api ./api
COPY console ./console
COPY messages ./messages
COPY cli ./cli
COPY runtime ./runtime
COPY dev ./dev
COPY db ./db
COPY assets ./assets

# The app may create local state (e.g. .ansinh/) under its working directory.
RUN chown node:node /app && mkdir -p /app/.ansinh && chown node:node /app/.ansinh
USER node

CMD ["npx", "tsx", "cli/main.ts", "worker"]
