import { Schema } from 'mongoose';
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
  },
  { collection: 'plans', versionKey: false },
);
