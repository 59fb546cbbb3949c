import { notFound, UNITS } from '@aiplat/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { DB_CONNECTION } from '../database/database.module';
import { unitSchema, type UnitDocument } from './unit.schema';

export interface UnitView {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: string;
}

/** Responsible units (责任单位): seeded from the policy's registry, stored in the gateway's database. */
@Injectable()
export class UnitsService {
  private readonly units: Model<UnitDocument>;
  /** The registry changes rarely; every page asks for it. */
  private cached: { at: number; list: UnitView[] } | undefined;
  private static readonly CACHE_MS = 30_000;

  constructor(@Inject(DB_CONNECTION) connection: Connection) {
    this.units = connection.model('Unit', unitSchema);
  }

  /** Adds registry units that are missing and refreshes their names; safe at every start. */
  async seedFromRegistry(): Promise<number> {
    this.cached = undefined;
    for (const u of UNITS) {
      await this.units
        .updateOne(
          { _id: u.id },
          {
            $set: { nameZh: u.nameZh, nameEn: u.nameEn, kind: u.kind, aliases: [...u.aliases] },
            $setOnInsert: { active: true },
          },
          { upsert: true },
        )
        .exec();
    }
    return UNITS.length;
  }

  async list(now = Date.now()): Promise<UnitView[]> {
    if (this.cached && now - this.cached.at < UnitsService.CACHE_MS) return this.cached.list;
    const docs = await this.units.find({ active: true }).sort({ _id: 1 }).lean<UnitDocument[]>().exec();
    this.cached = { at: now, list: docs.map(toView) };
    return this.cached.list;
  }

  async get(id: string): Promise<UnitView> {
    const doc = await this.units.findById(id).lean<UnitDocument>().exec();
    if (!doc) throw notFound(`unit ${id}`);
    return toView(doc);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.units.findById(id).lean().exec()) !== null;
  }
}

function toView(d: UnitDocument): UnitView {
  return { id: d._id, nameZh: d.nameZh, nameEn: d.nameEn, kind: d.kind };
}
