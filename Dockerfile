# One image for every service of the monorepo: `docker build --build-arg SERVICE=gateway .`
# Build stage: install with the frozen lockfile, compile everything, build the console.
FROM node:20.20-bookworm-slim AS build
WORKDIR /repo
RUN npm install --global pnpm@10.34.8
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && \
    (test ! -f services/console/package.json || pnpm --filter @aiplat/console build)

FROM node:20.20-bookworm-slim
ARG SERVICE=gateway
ENV NODE_ENV=production SERVICE=${SERVICE} OTEL_SERVICE_NAME=${SERVICE}
WORKDIR /repo
COPY --from=build /repo /repo
USER node
CMD ["sh", "-c", "exec node --require ./packages/observability/dist/register.js services/${SERVICE}/dist/main.js"]
