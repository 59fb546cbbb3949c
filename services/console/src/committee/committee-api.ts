import { v4 as uuidv4 } from 'uuid';
import { ApiError } from '../api/api-error';
import type { SessionStore } from '../auth/session-store';
import {
  isAdvice,
  isReview,
  itemsOf,
  type Advice,
  type Review,
  type ReviewConclusion,
  type SubjectKind,
} from './review-types';

const BASE = '/api/v1/committee';

function malformed(): ApiError {
  return new ApiError('http', '', { type: 'about:blank', title: 'Unexpected response', status: 502, errors: [] });
}

async function reviewFrom(answer: Promise<unknown>): Promise<Review> {
  const review = await answer;
  if (!isReview(review)) throw malformed();
  return review;
}

export const reviewPath = (id: string) => `${BASE}/reviews/${encodeURIComponent(id)}`;

/** `GET /committee/reviews`: an expert gets only the reviews they are assigned to. */
export async function fetchReviews(store: SessionStore, signal?: AbortSignal): Promise<Review[]> {
  const items = itemsOf(await store.request<unknown>(`${BASE}/reviews?limit=200`, { signal }), isReview);
  if (!items) throw malformed();
  return items;
}

export function fetchReview(store: SessionStore, id: string, signal?: AbortSignal): Promise<Review> {
  return reviewFrom(store.request<unknown>(reviewPath(id), { signal }));
}

const action = (store: SessionStore, path: string, method: 'POST' | 'PUT', body?: unknown) =>
  reviewFrom(store.request<unknown>(path, { method, body, headers: { 'Idempotency-Key': uuidv4() } }));

export const declareNoConflict = (store: SessionStore, id: string) =>
  action(store, `${reviewPath(id)}/declaration`, 'POST');

export const declineReview = (store: SessionStore, id: string, reason: string) =>
  action(store, `${reviewPath(id)}/decline`, 'POST', { reason });

export const putScores = (store: SessionStore, id: string, scores: Record<string, number>, comment: string) =>
  action(store, `${reviewPath(id)}/scores`, 'PUT', { scores, comment });

export interface ConclusionInput {
  readonly conclusion: ReviewConclusion;
  readonly summary: string;
  readonly conditions?: string;
}

export const concludeReview = (store: SessionStore, id: string, input: ConclusionInput) =>
  action(store, `${reviewPath(id)}/conclusion`, 'POST', input);

export async function fetchAdvice(store: SessionStore, signal?: AbortSignal): Promise<Advice[]> {
  const items = itemsOf(await store.request<unknown>(`${BASE}/advice?limit=200`, { signal }), isAdvice);
  if (!items) throw malformed();
  return items;
}

export interface AdviceInput {
  readonly subject: { readonly kind: SubjectKind; readonly ref: string };
  readonly title: string;
  readonly text: string;
  readonly recommendations: readonly string[];
}

export async function recordAdvice(store: SessionStore, input: AdviceInput): Promise<Advice> {
  const advice = await store.request<unknown>(`${BASE}/advice`, {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': uuidv4() },
  });
  if (!isAdvice(advice)) throw malformed();
  return advice;
}
