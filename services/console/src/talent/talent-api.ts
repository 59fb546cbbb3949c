import { v4 as uuidv4 } from 'uuid';
import { ApiError } from '../api/api-error';
import type { SessionStore } from '../auth/session-store';
import { isFigures, isTalent, type FigureRow, type PackageTerm, type Talent, type TalentStage } from './talent-types';

function malformed(): ApiError {
  return new ApiError('http', '', { type: 'about:blank', title: 'Unexpected response', status: 502, errors: [] });
}

export const talentPath = (id: string) => `/api/v1/talent/${encodeURIComponent(id)}`;

async function talentFrom(answer: Promise<unknown>): Promise<Talent> {
  const talent = await answer;
  if (!isTalent(talent)) throw malformed();
  return talent;
}

/** Every record in the pipeline (up to 500, the API's page size; a `next` cursor beyond that is not followed). */
export async function fetchTalentList(store: SessionStore, signal?: AbortSignal): Promise<Talent[]> {
  const page = await store.request<unknown>('/api/v1/talent?limit=500', { signal });
  const items = (page as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || !items.every(isTalent)) throw malformed();
  return items;
}

export const fetchTalent = (store: SessionStore, id: string, signal?: AbortSignal) =>
  talentFrom(store.request<unknown>(talentPath(id), { signal }));

const post = (store: SessionStore, path: string, body: unknown) =>
  talentFrom(store.request<unknown>(path, { method: 'POST', body, headers: { 'Idempotency-Key': uuidv4() } }));

export interface CreateTalentInput {
  readonly kind: 'person' | 'team';
  readonly name: string;
  readonly category: string;
  readonly fields: readonly string[];
  readonly currentOrganisation: { readonly name: string };
  readonly targetOrganisation?: { readonly name: string; readonly creditCode?: string };
  readonly source: string;
  readonly contact?: { readonly phone?: string; readonly email?: string };
}

export const createTalent = (store: SessionStore, input: CreateTalentInput) => post(store, '/api/v1/talent', input);

export function moveTalent(store: SessionStore, talent: Talent, to: TalentStage, note?: string): Promise<Talent> {
  return post(store, `${talentPath(talent.id)}/moves`, {
    to,
    ...(note ? { note } : {}),
    expectedVersion: talent.version,
  });
}

export interface OfferInput {
  readonly terms: readonly PackageTerm[];
  readonly conditions?: string;
  readonly programmeId?: string;
  readonly year?: number;
}

export const offerPackage = (store: SessionStore, id: string, input: OfferInput) =>
  post(store, `${talentPath(id)}/package`, input);

export const decidePackage = (store: SessionStore, id: string, accept: boolean, note?: string) =>
  post(store, `${talentPath(id)}/package/decision`, { accept, ...(note ? { note } : {}) });

export const linkTalent = (store: SessionStore, id: string, link: { taskCode?: string; consultationId?: string }) =>
  post(store, `${talentPath(id)}/links`, link);

export interface FollowUpInput {
  readonly year: number;
  readonly stillInCity: boolean;
  readonly patents: number;
  readonly products: number;
  readonly companiesFounded: number;
}

export const recordFollowUp = (store: SessionStore, id: string, input: FollowUpInput) =>
  post(store, `${talentPath(id)}/follow-ups`, input);

export async function fetchFigures(store: SessionStore, signal?: AbortSignal): Promise<FigureRow[]> {
  const figures = await store.request<unknown>('/api/v1/talent-figures', { signal });
  if (!isFigures(figures)) throw malformed();
  return figures.rows;
}

export const talentExportPath = (format: 'csv' | 'xlsx') => `/api/v1/exports/talent?format=${format}`;
