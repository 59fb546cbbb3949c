import { randomBytes } from 'node:crypto';

/** A short unique token so each suite makes its own streams, subjects and databases. */
export function uniqueToken(prefix = 't'): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

/** The MongoDB URL with a database name of the suite's own. */
export function databaseUrl(mongoUrl: string, database: string): string {
  const u = new URL(mongoUrl);
  u.pathname = `/${database}`;
  return u.toString();
}
