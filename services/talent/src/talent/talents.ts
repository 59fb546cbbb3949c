import { randomUUID } from 'node:crypto';
import {
  conflict,
  allocationIdForKey,
  createAllocationRpc,
  listProgrammesRpc,
  DomainError,
  holdsPermission,
  notFound,
  pageAfter,
  platformEvents,
  type Actor,
  type RequestContext,
  type TalentCategory,
  type TalentStage,
  type TalentView,
} from '@aiplat/contracts';
import {
  createEvent,
  MESSAGING_LOGGER,
  OutboxRelay,
  outboxFieldsForInsert,
  RpcClient,
  SERVICE_DB,
  toOutboxEntries,
  withOutbox,
} from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Collection, Document, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { TALENT_ENV, type TalentEnv } from '../config/env';
import {
  checkOffer,
  decideStage,
  isStalled,
  packageAmount,
  toTalentView,
  type Organisation,
  type PackageTerm,
  type TalentDocument,
} from './talent';

type Pending = { envelope: ReturnType<typeof createEvent>; subject: string };
type TalentEventType =
  | 'talent.identified'
  | 'talent.stage_changed'
  | 'talent.package_offered'
  | 'talent.package_accepted'
  | 'talent.onboarded'
  | 'talent.declined';

export interface NewTalent {
  kind: 'person' | 'team';
  name: string;
  category: TalentCategory;
  fields: string[];
  members?: { name: string; role: string }[];
  currentOrganisation: Organisation;
  targetOrganisation?: Organisation;
  source: string;
  contact?: { phone?: string; email?: string; address?: string };
}

const ATTEMPTS = 3;

/** Answers that asking again cannot change. */
const REFUSALS: readonly string[] = ['validation', 'forbidden', 'not_found', 'unprocessable'];

/** The key of a package's allocation request: one allocation per package version, ever. */
const packageKey = (doc: Pick<TalentDocument, '_id' | 'package'>) =>
  `talent-package:${doc._id}:v${doc.package?.version ?? 0}`;

function assertManages(actor: Actor, what: string): void {
  if (!holdsPermission(actor, 'talent.manage')) {
    throw new DomainError('forbidden', `talent staff ${what} (needs talent.manage)`);
  }
}

/**
 * The talent-introduction pipeline. Each change of a record, its history and its events are one
 * update guarded by the record's version. A package carrying money asks the funding service for
 * an allocation keyed by the package (`talent-package:<id>:v<version>`), so asking again — after a
 * timeout, or by the retry sweep — never creates a second one.
 */
@Injectable()
export class Talents implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly records: Collection<TalentDocument>;
  readonly targets: Collection<Document>;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(SERVICE_DB) connection: Connection,
    private readonly relay: OutboxRelay,
    private readonly rpc: RpcClient,
    @Inject(TALENT_ENV) private readonly env: TalentEnv,
    @Inject(MESSAGING_LOGGER) private readonly log: Logger,
  ) {
    this.records = connection.collection('talents') as unknown as Collection<TalentDocument>;
    this.targets = connection.collection('talent_targets') as unknown as Collection<Document>;
  }

  onApplicationBootstrap(): void {
    if (this.env.TALENT_RETRY_INTERVAL_MS === 0) return;
    this.timer = setInterval(
      () => void this.retryAllocations().catch(() => undefined),
      this.env.TALENT_RETRY_INTERVAL_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async create(context: RequestContext, input: NewTalent, now = new Date()): Promise<TalentView> {
    assertManages(context.actor, 'add talent records');
    if (input.kind === 'team' && (input.members ?? []).length === 0) {
      throw new DomainError('validation', 'an innovation team needs its members (the leader first)');
    }
    const at = now.toISOString();
    const doc: TalentDocument = {
      _id: `tl-${randomUUID().replace(/-/g, '')}`,
      kind: input.kind,
      name: input.name,
      category: input.category,
      fields: input.fields,
      members: input.members ?? [],
      currentOrganisation: input.currentOrganisation,
      ...(input.targetOrganisation ? { targetOrganisation: input.targetOrganisation } : {}),
      source: input.source,
      stage: 'identified',
      history: [],
      ...(input.contact ? { contact: input.contact } : {}),
      contactLog: [],
      links: { taskCodes: [], consultationIds: [] },
      followUps: [],
      lastActivityAt: at,
      createdAt: at,
      version: 0,
    };
    const staged = toOutboxEntries(
      [
        this.event(
          doc,
          'talent.identified',
          {
            kind: doc.kind,
            source: doc.source,
            currentOrganisation: doc.currentOrganisation,
            ...(doc.targetOrganisation ? { targetOrganisation: doc.targetOrganisation } : {}),
          },
          context,
          now,
        ),
      ],
      now,
    );
    await this.records.insertOne({ ...doc, ...outboxFieldsForInsert(staged) } as TalentDocument);
    void this.relay.dispatch(this.records as unknown as Collection<Document>, doc._id, staged);
    return this.view(doc, context.actor, now);
  }

  async get(context: RequestContext, id: string, now = new Date()): Promise<TalentView> {
    return this.view(await this.load(context, id), context.actor, now);
  }

  async list(
    context: RequestContext,
    filter: { stage?: TalentStage; category?: TalentCategory; stalled?: boolean; q?: string },
    limit: number,
    after?: string,
    now = new Date(),
  ): Promise<{ items: TalentView[]; next?: string }> {
    this.assertViews(context.actor);
    const query: Record<string, unknown> = {};
    if (filter.stage) query.stage = { $eq: filter.stage };
    if (filter.category) query.category = { $eq: filter.category };
    const words = filter.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
    const docs = (
      (await this.records
        .find(query as Filter<TalentDocument>, { projection: { outbox: 0 } })
        .sort({ createdAt: -1, _id: 1 })
        .toArray()) as TalentDocument[]
    ).filter(
      (d) =>
        (filter.stalled === undefined || isStalled(d, now, this.env.TALENT_STALL_DAYS) === filter.stalled) &&
        words.every((w) =>
          `${d.name} ${d.currentOrganisation.name} ${d.targetOrganisation?.name ?? ''}`.toLowerCase().includes(w),
        ),
    );
    return pageAfter(docs, limit, after, (d) => this.view(d, context.actor, now));
  }

  async move(
    context: RequestContext,
    input: { id: string; to: TalentStage; note?: string; expectedVersion?: number },
    now = new Date(),
  ): Promise<TalentView> {
    assertManages(context.actor, 'move talent through the pipeline');
    return this.change(context, input.id, input.expectedVersion, now, (doc) => {
      const bad = decideStage(doc.stage, input.to, input.note);
      if (bad) throw bad;
      const at = now.toISOString();
      const events: Pending[] = [
        this.event(
          doc,
          'talent.stage_changed',
          { from: doc.stage, to: input.to, ...(input.note ? { note: input.note } : {}) },
          context,
          now,
        ),
      ];
      const set: Partial<TalentDocument> = { stage: input.to };
      if (input.to === 'onboarded') {
        set.onboardedAt = at;
        events.push(
          this.event(
            doc,
            'talent.onboarded',
            {
              ...(doc.targetOrganisation ? { organisation: doc.targetOrganisation.name } : {}),
              year: Number(at.slice(0, 4)),
            },
            context,
            now,
          ),
        );
      }
      if (input.to === 'declined' || input.to === 'withdrawn') {
        events.push(this.event(doc, 'talent.declined', { stage: input.to, reason: input.note! }, context, now));
      }
      return {
        set,
        push: {
          history: {
            at,
            by: context.actor.id,
            from: doc.stage,
            to: input.to,
            ...(input.note ? { note: input.note } : {}),
          },
        },
        events,
      };
    });
  }

  async logContact(
    context: RequestContext,
    input: { id: string; channel: string; note: string },
    now = new Date(),
  ): Promise<TalentView> {
    assertManages(context.actor, 'log contacts');
    return this.change(context, input.id, undefined, now, () => ({
      set: {},
      push: { contactLog: { at: now.toISOString(), by: context.actor.id, channel: input.channel, note: input.note } },
      events: [],
    }));
  }

  async offerPackage(
    context: RequestContext,
    input: { id: string; terms: PackageTerm[]; conditions?: string; programmeId?: string; year?: number },
    now = new Date(),
  ): Promise<TalentView> {
    assertManages(context.actor, 'offer support packages');
    const amount = packageAmount(input.terms);
    if (amount > 0 && (!input.programmeId || !input.year)) {
      throw new DomainError('validation', 'a package carrying money names the fund programme and year to ask', [
        { path: 'programmeId', message: 'required when a term has an amount' },
      ]);
    }
    if (amount > 0) await this.assertProgramme(context, input.programmeId!);
    return this.change(context, input.id, undefined, now, (doc) => {
      const bad = checkOffer(doc);
      if (bad) throw bad;
      if (amount > 0 && !doc.targetOrganisation?.creditCode) {
        throw new DomainError(
          'validation',
          'a package carrying money is paid to the target organisation: give it with its unified social credit code first',
        );
      }
      const version = (doc.package?.version ?? 0) + 1;
      return {
        set: {
          package: {
            version,
            status: 'offered',
            terms: input.terms,
            ...(input.conditions ? { conditions: input.conditions } : {}),
            amount,
            ...(input.programmeId ? { programmeId: input.programmeId } : {}),
            ...(input.year ? { year: input.year } : {}),
          },
        },
        events: [
          this.event(
            doc,
            'talent.package_offered',
            { packageVersion: version, amount, terms: input.terms.length },
            context,
            now,
          ),
        ],
      };
    });
  }

  async decidePackage(
    context: RequestContext,
    input: { id: string; accept: boolean; note?: string },
    now = new Date(),
  ): Promise<TalentView> {
    assertManages(context.actor, 'record the talent’s answer to a package');
    const saved = await this.changeDoc(context, input.id, undefined, now, (doc) => {
      const p = doc.package;
      if (!p || p.status !== 'offered') throw conflict('there is no offered package to answer');
      const accepted = input.accept;
      const money = accepted && p.amount > 0;
      return {
        set: {
          package: {
            ...p,
            status: accepted ? 'accepted' : 'declined',
            ...(money
              ? {
                  allocation: {
                    state: 'requested',
                    programmeId: p.programmeId!,
                    year: p.year!,
                    requestedBy: context.actor,
                  },
                }
              : {}),
          },
        },
        push: {
          history: {
            at: now.toISOString(),
            by: context.actor.id,
            from: doc.stage,
            to: doc.stage,
            note: `${accepted ? '接受' : '拒绝'}支持方案 v${p.version}${input.note ? `：${input.note}` : ''}`,
          },
        },
        events: accepted
          ? [this.event(doc, 'talent.package_accepted', { packageVersion: p.version, amount: p.amount }, context, now)]
          : [],
      };
    });
    const settled =
      saved.package?.allocation?.state === 'requested' ? await this.requestAllocation(saved, context.requestId) : saved;
    return this.view(settled, context.actor, now);
  }

  async link(
    context: RequestContext,
    input: { id: string; taskCode?: string; expertId?: string; consultationId?: string },
    now = new Date(),
  ): Promise<TalentView> {
    assertManages(context.actor, 'link talent records');
    if (!input.taskCode && !input.expertId && !input.consultationId) {
      throw new DomainError('validation', 'name a task, an expert record or a consultation to link');
    }
    return this.change(context, input.id, undefined, now, (doc) => {
      if (doc.stage !== 'onboarded')
        throw conflict('only an onboarded talent is linked to tasks, the committee and consultations');
      const links = doc.links ?? { taskCodes: [], consultationIds: [] };
      return {
        set: {
          links: {
            taskCodes:
              input.taskCode && !links.taskCodes.includes(input.taskCode)
                ? [...links.taskCodes, input.taskCode]
                : links.taskCodes,
            ...((input.expertId ?? links.expertId) ? { expertId: input.expertId ?? links.expertId } : {}),
            consultationIds:
              input.consultationId && !links.consultationIds.includes(input.consultationId)
                ? [...links.consultationIds, input.consultationId]
                : links.consultationIds,
          },
        },
        events: [],
      };
    });
  }

  async recordFollowUp(
    context: RequestContext,
    input: {
      id: string;
      year: number;
      stillInCity: boolean;
      patents: number;
      products: number;
      companiesFounded: number;
      note?: string;
    },
    now = new Date(),
  ): Promise<TalentView> {
    assertManages(context.actor, 'record yearly follow-ups');
    const { id, ...entry } = input;
    return this.change(context, id, undefined, now, (doc) => {
      if (doc.stage !== 'onboarded') throw conflict('follow-ups are for onboarded talent');
      const onboardedYear = Number(doc.onboardedAt?.slice(0, 4));
      if (entry.year < onboardedYear)
        throw new DomainError('validation', `the talent was onboarded in ${onboardedYear}`);
      // One follow-up per year: a second one for the same year replaces it.
      return {
        set: {
          followUps: [...(doc.followUps ?? []).filter((f) => f.year !== entry.year), entry].sort(
            (a, b) => a.year - b.year,
          ),
        },
        events: [],
      };
    });
  }

  /** Onboarded talent per category and year, against the office's targets. */
  async figures(
    context: RequestContext,
    year?: number,
  ): Promise<{ rows: { year: number; category: TalentCategory; onboarded: number; target?: number }[] }> {
    this.assertViews(context.actor);
    const onboarded = (await this.records
      .find({ stage: { $eq: 'onboarded' } } as Filter<TalentDocument>, { projection: { category: 1, onboardedAt: 1 } })
      .toArray()) as Pick<TalentDocument, 'category' | 'onboardedAt'>[];
    const counts = new Map<string, number>();
    for (const d of onboarded) {
      const y = Number(d.onboardedAt?.slice(0, 4));
      if (year && y !== year) continue;
      counts.set(`${y}|${d.category}`, (counts.get(`${y}|${d.category}`) ?? 0) + 1);
    }
    const targets = await this.targets.find(year ? ({ year: { $eq: year } } as Document) : {}).toArray();
    for (const t of targets) if (!counts.has(`${t.year}|${t.category}`)) counts.set(`${t.year}|${t.category}`, 0);
    const rows = [...counts.entries()].map(([key, n]) => {
      const [y, category] = key.split('|') as [string, TalentCategory];
      const target = targets.find((t) => t.year === Number(y) && t.category === category);
      return { year: Number(y), category, onboarded: n, ...(target ? { target: Number(target.count) } : {}) };
    });
    rows.sort((a, b) => b.year - a.year || a.category.localeCompare(b.category));
    return { rows };
  }

  async setTarget(context: RequestContext, input: { year: number; category: TalentCategory; count: number }) {
    if (!holdsPermission(context.actor, 'talent.manage') && !holdsPermission(context.actor, 'tasks.manage')) {
      throw new DomainError('forbidden', 'talent targets are set by the office or talent staff');
    }
    await this.targets.updateOne(
      { _id: `${input.year}:${input.category}` } as Document,
      { $set: { year: input.year, category: input.category, count: input.count, by: context.actor.id } },
      { upsert: true },
    );
    return this.figures(context, input.year);
  }

  /** Funding decided on a talent's allocation (the consumer of allocation.approved / rejected). */
  async allocationDecided(
    allocationId: string,
    talentId: string,
    approved: boolean,
    reason: string | undefined,
  ): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const doc = (await this.records.findOne({ _id: talentId } as Filter<TalentDocument>)) as TalentDocument | null;
      const allocation = doc?.package?.allocation;
      // Only the allocation this package asked for (by its id, or by the id funding derives from its key).
      if (!doc || !allocation) return;
      const expected = allocation.allocationId ?? allocationIdForKey(packageKey(doc));
      if (allocationId !== expected) return;
      const state = approved ? 'approved' : 'rejected';
      if (allocation.state === state) return;
      const saved = await this.records.updateOne(
        { _id: doc._id, version: doc.version } as Filter<TalentDocument>,
        {
          $set: {
            'package.allocation.state': state,
            'package.allocation.allocationId': allocationId,
            ...(reason ? { 'package.allocation.reason': reason } : {}),
            lastActivityAt: new Date().toISOString(),
          },
          $inc: { version: 1 },
        } as Document,
      );
      if (saved.matchedCount === 1) return;
    }
    throw conflict(`talent record ${talentId} keeps changing; the decision will be applied on redelivery`);
  }

  /** The committee appointed this talent as an expert (expert.appointed naming it): link the expert, once. */
  async expertAppointed(talentId: string, expertId: string): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const doc = (await this.records.findOne({ _id: talentId } as Filter<TalentDocument>)) as TalentDocument | null;
      if (!doc || doc.links?.expertId === expertId) return;
      const saved = await this.records.updateOne(
        { _id: doc._id, version: doc.version } as Filter<TalentDocument>,
        {
          $set: { 'links.expertId': expertId, lastActivityAt: new Date().toISOString() },
          $inc: { version: 1 },
        } as Document,
      );
      if (saved.matchedCount === 1) return;
    }
    throw conflict(`talent record ${talentId} keeps changing; the expert link will be applied on redelivery`);
  }

  /** Accepted packages whose allocation funding has not confirmed: ask again with the same key. */
  async retryAllocations(): Promise<number> {
    const pending = (await this.records
      .find({ 'package.allocation.state': { $eq: 'requested' } } as Filter<TalentDocument>, {
        projection: { outbox: 0 },
      })
      .toArray()) as TalentDocument[];
    let created = 0;
    for (const doc of pending) {
      const saved = await this.requestAllocation(doc, `talent-retry:${doc._id}`);
      if (saved.package?.allocation?.state !== 'requested') created++;
    }
    return created;
  }

  private async requestAllocation(doc: TalentDocument, requestId: string): Promise<TalentDocument> {
    const p = doc.package!;
    const allocation = p.allocation!;
    try {
      const made = await this.rpc.request(
        createAllocationRpc,
        {
          context: { actor: allocation.requestedBy, requestId },
          programmeId: allocation.programmeId,
          year: allocation.year,
          applicant: {
            name: doc.targetOrganisation!.name,
            creditCode: doc.targetOrganisation!.creditCode!,
            unit: 'talent-office',
          },
          talentId: doc._id,
          sourceKey: packageKey(doc),
          amount: p.amount,
          purpose: `人才引进个性化支持方案：${doc.name}（v${p.version}）`,
          tranches: [{ title: '人才支持资金', amount: p.amount, trigger: 'milestone', milestone: '人才到岗' }],
        },
        { correlationId: requestId, timeoutMs: 10_000 },
      );
      const saved = (await this.records.findOneAndUpdate(
        { _id: doc._id, 'package.allocation.state': 'requested' } as Filter<TalentDocument>,
        {
          $set: { 'package.allocation.state': 'created', 'package.allocation.allocationId': made.id },
          $inc: { version: 1 },
        } as Document,
        { returnDocument: 'after' },
      )) as TalentDocument | null;
      return saved ?? ((await this.records.findOne({ _id: doc._id } as Filter<TalentDocument>)) as TalentDocument);
    } catch (err) {
      if (err instanceof DomainError && REFUSALS.includes(err.code)) {
        // Funding refused it for good (e.g. the programme was closed): say so instead of asking forever.
        this.log.warn({ err, talentId: doc._id }, 'funding refused the allocation request');
        const failed = (await this.records.findOneAndUpdate(
          { _id: doc._id, 'package.allocation.state': 'requested' } as Filter<TalentDocument>,
          {
            $set: { 'package.allocation.state': 'failed', 'package.allocation.reason': err.message },
            $inc: { version: 1 },
          } as Document,
          { returnDocument: 'after' },
        )) as TalentDocument | null;
        return failed ?? doc;
      }
      this.log.warn({ err, talentId: doc._id }, 'the allocation request did not reach funding; will ask again');
      return doc;
    }
  }

  /** A package carrying money must name a programme funding has. */
  private async assertProgramme(context: RequestContext, programmeId: string): Promise<void> {
    const { items } = await this.rpc.request(listProgrammesRpc, { context }, { correlationId: context.requestId });
    if (!items.some((p) => p.id === programmeId)) {
      throw new DomainError('validation', `funding has no programme ${programmeId}`, [
        { path: 'programmeId', message: `one of ${items.map((p) => p.id).join(', ')}` },
      ]);
    }
  }

  private view(doc: TalentDocument, actor: Actor, now: Date): TalentView {
    return toTalentView(doc, actor, now, this.env.TALENT_STALL_DAYS);
  }

  private assertViews(actor: Actor): void {
    if (!holdsPermission(actor, 'talent.view')) throw new DomainError('forbidden', 'talent records need talent.view');
  }

  private async load(context: RequestContext, id: string): Promise<TalentDocument> {
    this.assertViews(context.actor);
    const doc = (await this.records.findOne({ _id: id } as Filter<TalentDocument>, {
      projection: { outbox: 0 },
    })) as TalentDocument | null;
    if (!doc) throw notFound(`talent record ${id}`);
    return doc;
  }

  private async change(
    context: RequestContext,
    id: string,
    expectedVersion: number | undefined,
    now: Date,
    decide: (doc: TalentDocument) => {
      set: Partial<TalentDocument>;
      push?: Record<string, unknown>;
      events: Pending[];
    },
  ): Promise<TalentView> {
    return this.view(await this.changeDoc(context, id, expectedVersion, now, decide), context.actor, now);
  }

  /** One guarded update: the change, its history and its events, retried when the record moved meanwhile. */
  private async changeDoc(
    context: RequestContext,
    id: string,
    expectedVersion: number | undefined,
    now: Date,
    decide: (doc: TalentDocument) => {
      set: Partial<TalentDocument>;
      push?: Record<string, unknown>;
      events: Pending[];
    },
  ): Promise<TalentDocument> {
    for (let attempt = 1; ; attempt++) {
      const doc = await this.load(context, id);
      if (expectedVersion !== undefined && expectedVersion !== doc.version) {
        throw conflict(
          `talent record ${id} changed since you loaded it (version ${doc.version}); reload and try again`,
          {
            currentVersion: doc.version,
          },
        );
      }
      const { set, push, events } = decide(doc);
      const staged = toOutboxEntries(events, now);
      const saved = (await this.records.findOneAndUpdate(
        { _id: doc._id, version: doc.version } as Filter<TalentDocument>,
        withOutbox<Document>(
          {
            $set: { ...set, lastActivityAt: now.toISOString() },
            ...(push ? { $push: push } : {}),
            $inc: { version: 1 },
          } as Document,
          staged,
        ),
        { returnDocument: 'after' },
      )) as TalentDocument | null;
      if (saved) {
        if (staged.length > 0)
          void this.relay.dispatch(this.records as unknown as Collection<Document>, doc._id, staged);
        return saved;
      }
      if (attempt >= ATTEMPTS || expectedVersion !== undefined) {
        throw conflict(`talent record ${id} was changed by someone else at the same moment; reload and try again`);
      }
    }
  }

  private event(
    doc: TalentDocument,
    type: TalentEventType,
    extra: Record<string, unknown>,
    context: RequestContext,
    now: Date,
  ): Pending {
    const envelope = createEvent(
      platformEvents,
      type,
      {
        aggregateId: doc._id,
        aggregateVersion: doc.version + 1,
        data: { talentId: doc._id, name: doc.name, category: doc.category, ...extra } as never,
        correlationId: context.requestId,
        causationId: context.requestId,
        actor: context.actor,
      },
      now,
    );
    return { envelope, subject: platformEvents[type].subject };
  }
}
