/** Roles the server assigns. The console only mirrors them for navigation and the home page. */
export const ROLES = ['office', 'bureau', 'expert', 'secretariat', 'talent', 'funding_officer', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The user's known roles, once each, in the platform's fixed order (so the header and home page read the same). */
export function knownRoles(roles: readonly string[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}
