import type { NatsConnection } from 'nats';
import 'reflect-metadata';
import type { Role } from '@aiplat/contracts';
import { uniqueToken } from '@aiplat/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { hashPassword } from '../src/auth/password';
import { REFRESH_COOKIE } from '../src/auth/auth.controller';
import { loadGatewayEnv, type GatewayEnv } from '../src/config/env';
import { DB_CONNECTION } from '../src/database/database.module';
import { createGatewayApp } from '../src/gateway-app';
import { ensureAccount } from '../src/identity/accounts-setup';
import { IdentityRepository } from '../src/identity/identity.repository';
import { UsersService } from '../src/identity/users.service';

/**
 * A response body as the tests read it. JSON is untyped on the wire; the
 * tests assert its shape, so a loose type keeps them readable.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: Json;
  text: string;
  /** The value to send back as a `cookie` header, when the response set the refresh cookie. */
  refreshCookie: string | undefined;
}

export interface ApiOptions {
  token?: string | undefined;
  /** A JS value is sent as JSON; a string is sent as it is (set the content type in `headers`). */
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

export type AccountName =
  'office' | 'bureauEit' | 'bureauDrc' | 'expert' | 'secretariat' | 'talent' | 'funding' | 'admin';

export interface AccountSpec {
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
}

export interface Account extends AccountSpec {
  id: string;
  password: string;
  /** Access token of the session opened when the harness started. */
  token: string;
  /** `aiplat_refresh=<token>` of that session. */
  refreshCookie: string;
}

/** One account per role; the two bureau accounts sit in different units. */
export const ACCOUNT_SPECS: Readonly<Record<AccountName, AccountSpec>> = {
  office: { username: 'office', displayName: 'Office · Wang', unitId: 'lg-office', roles: ['office'] },
  bureauEit: { username: 'bureau-eit', displayName: 'EIT · Li', unitId: 'city-economy-it', roles: ['bureau'] },
  bureauDrc: { username: 'bureau-drc', displayName: 'DRC · Zhang', unitId: 'city-drc', roles: ['bureau'] },
  expert: { username: 'expert', displayName: 'Expert · Chen', unitId: 'committee-secretariat', roles: ['expert'] },
  secretariat: {
    username: 'secretariat',
    displayName: 'Secretariat · Zhao',
    unitId: 'committee-secretariat',
    roles: ['secretariat'],
  },
  talent: { username: 'talent', displayName: 'Talent · Sun', unitId: 'talent-office', roles: ['talent'] },
  funding: { username: 'funding', displayName: 'Funding · Zhou', unitId: 'funding-office', roles: ['funding_officer'] },
  admin: { username: 'admin', displayName: 'Administrator', unitId: 'lg-office', roles: ['admin'] },
};

export const ACCOUNT_NAMES = Object.keys(ACCOUNT_SPECS) as AccountName[];

export const PROBLEM_JSON = 'application/problem+json';

export interface TestUser {
  id: string;
  username: string;
  password: string;
}

export interface Gateway {
  baseUrl: string;
  app: NestFastifyApplication;
  env: GatewayEnv;
  db: Connection;
  repo: IdentityRepository;
  users: UsersService;
  accounts: Record<AccountName, Account>;
  api(method: string, path: string, options?: ApiOptions): Promise<ApiResponse>;
  signIn(username: string, password: string, headers?: Record<string, string>): Promise<ApiResponse>;
  /**
   * A fresh user straight in the database (no HTTP, no audit), to act on or sign in
   * as without disturbing the per-role accounts. Its password is `throwawayPassword`.
   */
  throwawayUser(spec?: Partial<AccountSpec>): Promise<TestUser>;
  throwawayPassword: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Share another gateway's database and secret (a second copy of the gateway); no accounts are made. */
  copyOf?: Gateway;
  /** Extra or overriding environment variables (e.g. CONSOLE_DIR, ACCESS_TOKEN_TTL_SECONDS). */
  env?: Record<string, string>;
}

/** Starts the real gateway on a free loopback port, against the suite's own database. */
export async function startGateway(options: StartOptions = {}): Promise<Gateway> {
  const env = options.copyOf
    ? options.copyOf.env
    : loadGatewayEnv({
        ...process.env,
        NATS_URL: inject('natsUrl'),
        MONGO_URL: inject('mongoUrl'),
        GATEWAY_DB: uniqueToken('gw_'),
        AUTH_TOKEN_SECRET: randomBytes(32).toString('base64url'),
        COOKIE_SECURE: 'false',
        SIGN_IN_MAX_FAILURES: '5',
        SIGN_IN_LOCK_SECONDS: '60',
        // Suites sign in many accounts from one address; the sign-in tests set their own limit.
        SIGN_IN_CLIENT_FAILURES_PER_MINUTE: '1000',
        GATEWAY_PORT: '0',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
        ...(options.env ?? {}),
      });
  const app = await createGatewayApp(env);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const db = app.get<Connection>(DB_CONNECTION);
  const repo = app.get(IdentityRepository);
  const users = app.get(UsersService);

  const api = async (method: string, path: string, o: ApiOptions = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (typeof o.body === 'string') body = o.body;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const url = new URL(path, baseUrl);
    for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.append(k, v);
    const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: Json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${REFRESH_COOKIE}=`));
    const value = cookie?.split(';')[0];
    return {
      status: res.status,
      headers: res.headers,
      json,
      text,
      refreshCookie: value && value !== `${REFRESH_COOKIE}=` ? value : undefined,
    };
  };

  const signIn = (username: string, password: string, headers?: Record<string, string>) =>
    api('POST', '/api/v1/auth/sign-in', { body: { username, password }, ...(headers ? { headers } : {}) });

  const throwawayPassword = 'throwaway-password-0123';
  const throwawayHash = hashPassword(throwawayPassword);
  const throwawayUser = async (spec: Partial<AccountSpec> = {}): Promise<TestUser> => {
    const id = randomUUID();
    const username = spec.username ?? `tmp-${uniqueToken('')}-${id.slice(0, 4)}`;
    await repo.users.create({
      _id: id,
      username,
      displayName: spec.displayName ?? 'Throw-away',
      unitId: spec.unitId ?? 'city-drc',
      roles: spec.roles ?? ['bureau'],
      passwordHash: await throwawayHash,
      active: true,
      createdBy: 'test',
    });
    return { id, username, password: throwawayPassword };
  };

  const accounts = {} as Record<AccountName, Account>;
  if (!options.copyOf) {
    await Promise.all(
      ACCOUNT_NAMES.map(async (name) => {
        const spec = ACCOUNT_SPECS[name];
        const password = `pw-${name}-${randomBytes(9).toString('base64url')}`;
        await ensureAccount(users, repo, spec, password);
        const res = await signIn(spec.username, password);
        if (res.status !== 200 || !res.refreshCookie) {
          throw new Error(`could not sign in ${spec.username}: ${res.status} ${res.text}`);
        }
        accounts[name] = {
          ...spec,
          id: res.json.user.id,
          password,
          token: res.json.accessToken,
          refreshCookie: res.refreshCookie,
        };
      }),
    ).catch(async (err: unknown) => {
      await app.close().catch(() => undefined);
      throw err;
    });
  }

  return {
    baseUrl,
    app,
    env,
    db,
    repo,
    users,
    accounts: options.copyOf ? options.copyOf.accounts : accounts,
    api,
    signIn,
    throwawayUser,
    throwawayPassword,
    async close() {
      // Audit records are written just after their responses: let the last ones land first.
      await new Promise((r) => setTimeout(r, 100));
      await app.close();
      if (!options.copyOf) {
        const client = await MongoClient.connect(env.MONGO_URL);
        try {
          await client.db(env.GATEWAY_DB).dropDatabase();
        } finally {
          await client.close();
        }
      }
    },
  };
}

/** Waits until `probe` returns a value (the audit record is written after the response). */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what = 'the condition',
  timeoutMs = 5_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Asserts nothing itself: returns what is wrong with a problem+json response, or [] when it is well-formed. */
export function problemDefects(res: ApiResponse): string[] {
  const defects: string[] = [];
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith(PROBLEM_JSON)) defects.push(`content-type is "${type}"`);
  const p = res.json;
  if (!p || typeof p !== 'object') return [...defects, `body is not JSON: ${res.text.slice(0, 200)}`];
  if (typeof p.type !== 'string' || !p.type) defects.push('no type');
  if (typeof p.title !== 'string' || !p.title) defects.push('no title');
  if (p.status !== res.status) defects.push(`status ${p.status} in the body, ${res.status} on the wire`);
  if (typeof p.detail !== 'string' || !p.detail) defects.push('no detail');
  return defects;
}

export function newRequestId(): string {
  return `test-${randomUUID()}`;
}

/** Every envelope in a suite's EVENTS stream (topology `prefix`), oldest first. */
export async function streamEvents(nc: NatsConnection, prefix: string): Promise<Json[]> {
  const jsm = await nc.jetstreamManager();
  const info = await jsm.streams.info(`${prefix}_EVENTS`);
  const out: Json[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(`${prefix}_EVENTS`, { seq }).catch(() => undefined);
    if (m) out.push(JSON.parse(m.string()));
  }
  return out;
}
