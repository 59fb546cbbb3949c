/**
 * The console's pages and the permission that shows each one. The server decides every permission (and checks it
 * again on every API call); the console only uses the `permissions` from `GET /api/v1/me` to decide what to offer.
 */
export const FEATURES = [
  'dashboard',
  'tasks',
  'board',
  'supervision',
  'committee',
  'inbox',
  'consultations',
  'talent',
  'funding',
  'reports',
  'audit',
  'users',
] as const;

export type Feature = (typeof FEATURES)[number];

/** Features whose pages have shipped; every other feature shows a placeholder naming the service that brings it. */
export const LIVE_FEATURES = [
  'dashboard',
  'tasks',
  'board',
  'inbox',
  'consultations',
  'talent',
  'funding',
] as const satisfies readonly Feature[];

export type LiveFeature = (typeof LIVE_FEATURES)[number];
export type PlaceholderFeature = Exclude<Feature, LiveFeature>;

export function isPlaceholderFeature(feature: Feature): feature is PlaceholderFeature {
  return !(LIVE_FEATURES as readonly Feature[]).includes(feature);
}

export const PLACEHOLDER_FEATURES: readonly PlaceholderFeature[] = FEATURES.filter(isPlaceholderFeature);

export interface NavItem {
  readonly feature: Feature;
  /** The permission string from `/me` that shows this item. */
  readonly permission: string;
  /** Route inside the console (the part after `#`). */
  readonly path: string;
  /** Other routes that belong to this item (it is marked current on them too). */
  readonly alsoUnder?: readonly string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { feature: 'dashboard', permission: 'dashboard.view', path: '/' },
  { feature: 'tasks', permission: 'tasks.view', path: '/tasks' },
  /** The office's overview of every task (and the way to the plan import): for those who manage tasks. */
  { feature: 'board', permission: 'tasks.manage', path: '/board' },
  { feature: 'supervision', permission: 'supervision.view', path: '/supervision' },
  { feature: 'committee', permission: 'committee.view', path: '/committee' },
  /** The expert's own reviews and advice. */
  { feature: 'inbox', permission: 'committee.advise', path: '/inbox' },
  { feature: 'consultations', permission: 'consultations.view', path: '/consultations', alsoUnder: ['/meetings'] },
  { feature: 'talent', permission: 'talent.view', path: '/talent' },
  { feature: 'funding', permission: 'funding.view', path: '/funding' },
  { feature: 'reports', permission: 'reports.view', path: '/reports' },
  { feature: 'audit', permission: 'audit.view', path: '/audit' },
  { feature: 'users', permission: 'users.manage', path: '/users' },
];

/** The navigation items a user with these permissions sees, in the fixed menu order. Unknown permissions are ignored. */
export function navItemsFor(permissions: readonly string[]): NavItem[] {
  const granted = new Set(permissions);
  return NAV_ITEMS.filter((item) => granted.has(item.permission));
}

export function navItemFor(feature: Feature): NavItem {
  const item = NAV_ITEMS.find((candidate) => candidate.feature === feature);
  if (!item) throw new Error(`no navigation item for feature ${feature}`);
  return item;
}

export function canView(permissions: readonly string[], feature: Feature): boolean {
  return permissions.includes(navItemFor(feature).permission);
}

/** Whether `pathname` is one of the item's other routes (or below one). */
export function isAlsoUnder(item: NavItem, pathname: string): boolean {
  return (item.alsoUnder ?? []).some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/** Stable browser-test id of a navigation link: `nav-<permission>`. */
export function navTestId(item: NavItem): string {
  return `nav-${item.permission}`;
}
