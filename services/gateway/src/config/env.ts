import { serviceEnvFields } from '@aiplat/messaging';
import { z } from 'zod';

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The gateway's environment, validated at boot: a bad value stops it with a message naming the variable. */
export const gatewayEnvSchema = z.object({
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  /** The same JetStream replicas as every service (the gateway ensures the streams too). */
  NATS_STREAM_REPLICAS: serviceEnvFields.NATS_STREAM_REPLICAS,
  MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27017/'),
  GATEWAY_DB: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .default('gateway'),
  /** HMAC key for access tokens: at least 32 bytes of randomness, never committed. */
  AUTH_TOKEN_SECRET: z.string().min(32, 'AUTH_TOKEN_SECRET must be at least 32 characters of randomness'),
  ACCESS_TOKEN_TTL_SECONDS: seconds(15 * 60),
  REFRESH_TOKEN_TTL_SECONDS: seconds(7 * 24 * 60 * 60),
  /** Failed sign-ins before a username is locked, and for how long. */
  /** Failed sign-ins of one account from one client address before its attempts from there back off. */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** The longest backoff of one account at one address (the wait doubles from 1 s up to this). */
  SIGN_IN_LOCK_SECONDS: seconds(15 * 60),
  /** Failed sign-ins a minute from one client address across all usernames (password spraying). */
  SIGN_IN_CLIENT_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /**
   * `true` behind a reverse proxy that sets X-Forwarded-For: the client address (throttling, audit)
   * is then taken from it. Never `true` when clients reach the gateway directly: they could forge it.
   */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Request/reply timeout towards services (ms). */
  RPC_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** Largest accepted request body (bytes). */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  /** Built web console to serve at / (services/console/dist). Empty: no console. */
  CONSOLE_DIR: z.string().optional(),
  /** Cookies get `Secure` unless explicitly served over plain HTTP (local use). */
  COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  LOG_LEVEL: z.string().default('info'),
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export function loadGatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = gatewayEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid gateway environment:\n${lines}`);
  }
  return parsed.data;
}

export const GATEWAY_ENV = Symbol('GATEWAY_ENV');
