/**
 * One page of an ordered list: the items after the one whose id is `after` (from the start when
 * absent or unknown), and `next` when more follow. Lists here are small (one city's consultations),
 * so they are read whole and paged in memory.
 */
export function pageAfter<T extends { _id: string }, V>(
  docs: readonly T[],
  limit: number,
  after: string | undefined,
  view: (doc: T) => V,
): { items: V[]; next?: string } {
  const start = after ? docs.findIndex((d) => d._id === after) + 1 : 0;
  const page = docs.slice(start, start + limit);
  const last = page[page.length - 1];
  return { items: page.map(view), ...(start + limit < docs.length && last ? { next: last._id } : {}) };
}
