/**
 * Field names whose values must never reach a log sink. Matching is by exact
 * key name, so add new spellings here rather than relying on case folding.
 */
export const SECRET_FIELD_NAMES = [
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'authorization',
  'cookie',
  'apiKey',
  'credentials',
] as const;

/**
 * Only top level and one level deep are covered: deeper wildcards make the
 * redactor walk every logged object, which costs on every line. Request and
 * response headers sit two levels down, so they are listed explicitly.
 */
export const SECRET_REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELD_NAMES,
  ...SECRET_FIELD_NAMES.map((name) => `*.${name}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export const REDACTED = '[REDACTED]';
