import { Schema, type Connection, type Model } from 'mongoose';
import type { Target } from '../task/task';

/** A work plan (年度工作要点) for one year. `_id` is the year as text. */
export interface PlanDocument {
  _id: string;
  year: number;
  title: string;
  state: 'draft' | 'published' | 'closed';
  targets: Target[];
  sourceDigest: string;
  createdAt: Date;
  createdBy: string;
  /** Every publication, kept: a published plan's tasks still change through their workflow. */
  publishedVersions: Array<{ version: number; at: string; by: string; taskCodes: string[] }>;
  /** Optimistic concurrency for plan changes. */
  version: number;
  outbox?: Record<string, unknown>;
  outboxPending?: boolean;
}

export const planSchema = new Schema<PlanDocument>(
  {
    _id: { type: String, required: true },
    year: { type: Number, required: true },
    title: { type: String, required: true },
    state: { type: String, required: true },
    targets: {
      type: [
        new Schema(
          { metric: String, label: String, comparator: String, value: Number, unit: String, year: Number },
          { _id: false },
        ),
      ],
      default: [],
    },
    sourceDigest: { type: String, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    publishedVersions: {
      type: [new Schema({ version: Number, at: String, by: String, taskCodes: [String] }, { _id: false })],
      default: [],
    },
    version: { type: Number, required: true, default: 0 },
    outbox: { type: Schema.Types.Mixed },
    outboxPending: { type: Boolean },
  },
  { collection: 'plans', versionKey: false },
);

/** One model per connection (mongoose refuses to define a model twice). */
export function planModel(connection: Connection): Model<PlanDocument> {
  return (connection.models.Plan as Model<PlanDocument> | undefined) ?? connection.model('Plan', planSchema);
}
