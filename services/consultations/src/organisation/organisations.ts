import { createHash } from 'node:crypto';
import {
  DomainError,
  holdsPermission,
  type Actor,
  type OrganisationView,
  type RequestContext,
} from '@aiplat/contracts';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Filter } from 'mongodb';
import { ConsultationCollections } from '../collections';

export type OrganisationKind = OrganisationView['kind'];

export interface OrganisationDocument {
  _id: string;
  kind: OrganisationKind;
  name: string;
  creditCode?: string;
  source: string;
  registeredAt: string;
}

/** Spaces and full-width brackets do not make another organisation. */
const normalise = (name: string) => name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** The registry id: the credit code, or — for an organisation without one — a hash of its name. */
export function organisationIdOf(name: string, creditCode?: string): string {
  return creditCode ?? `name:${createHash('sha256').update(normalise(name)).digest('hex').slice(0, 24)}`;
}

const toView = (d: OrganisationDocument): OrganisationView => ({
  id: d._id,
  kind: d.kind,
  name: d.name,
  ...(d.creditCode ? { creditCode: d.creditCode } : {}),
  source: d.source,
  registeredAt: d.registeredAt,
});

/** Who may read and add to the registry: those who run consultations, funds or talent introduction. */
const READERS = ['consultations.view', 'funding.view', 'talent.view'] as const;
const WRITERS = ['consultations.manage', 'funding.manage', 'talent.manage'] as const;

/**
 * The registry of participant organisations, shared by reference: meetings store the registry id of
 * each organisation taking part; funding's applicants and talent records carry the credit code that
 * is that id. An entry is created once (its `_id` is the reference) and never renamed by a later
 * mention; the first source is kept.
 */
@Injectable()
export class Organisations implements OnApplicationBootstrap {
  constructor(private readonly db: ConsultationCollections) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.db.organisations.createIndex({ name: 1 }, { name: 'name' }).catch(() => undefined);
  }

  /** Registers an organisation (idempotent) and returns the registry's entry. */
  async register(
    input: { kind: OrganisationKind; name: string; creditCode?: string },
    source: string,
    now = new Date(),
  ): Promise<OrganisationView> {
    const _id = organisationIdOf(input.name, input.creditCode);
    const doc: OrganisationDocument = {
      _id,
      kind: input.kind,
      name: input.name,
      ...(input.creditCode ? { creditCode: input.creditCode } : {}),
      source,
      registeredAt: now.toISOString(),
    };
    try {
      await this.db.organisations.insertOne(doc);
      return toView(doc);
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      const known = await this.db.organisations.findOne({ _id } as Filter<OrganisationDocument>);
      return toView(known!);
    }
  }

  async registerFor(context: RequestContext, input: { kind: OrganisationKind; name: string; creditCode?: string }) {
    assertAny(context.actor, WRITERS, 'add organisations to the registry');
    return this.register(input, 'registry');
  }

  async list(
    context: RequestContext,
    filter: { kind?: OrganisationKind; q?: string },
    limit: number,
  ): Promise<{ items: OrganisationView[] }> {
    assertAny(context.actor, READERS, 'read the organisation registry');
    const query: Record<string, unknown> = {};
    if (filter.kind) query.kind = { $eq: filter.kind };
    const words = filter.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
    const docs = (await this.db.organisations
      .find(query as Filter<OrganisationDocument>)
      .sort({ name: 1, _id: 1 })
      .toArray()) as OrganisationDocument[];
    const items = docs
      .filter((d) => words.every((w) => `${d.name} ${d.creditCode ?? ''}`.toLowerCase().includes(w)))
      .slice(0, limit)
      .map(toView);
    return { items };
  }
}

function assertAny(actor: Actor, permissions: readonly string[], what: string): void {
  if (!permissions.some((p) => holdsPermission(actor, p as never))) {
    throw new DomainError('forbidden', `only staff who run consultations, funds or talent introduction ${what}`);
  }
}
