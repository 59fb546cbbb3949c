import { Schema } from 'mongoose';
import type { Task } from './task';

/**
 * A key task as stored: the domain Task plus its version (optimistic concurrency)
 * and the outbox of events not yet published (see @aiplat/messaging).
 * `_id` is the task code (e.g. `2020-3.2`): stable, unique, and the only key
 * FerretDB looks up through an index.
 */
export type TaskDocument = Omit<Task, 'id'> & {
  _id: string;
  planYear: number;
  version: number;
  /** `<due date>|<milestone>` the supervision clock last flagged, so each lapse is flagged once. */
  overdueFlaggedFor?: string;
  /** `<due date>|<milestone>` the reminder clock last announced as due soon. */
  dueSoonRemindedFor?: string;
  /** Changes other than status moves: edits, reported progress, milestones, roll-ups (newest last). */
  activity?: ActivityEntry[];
  /** The expert committee's acceptance appraisal (from review.concluded). */
  appraisal?: {
    reviewId: string;
    conclusion: string;
    summary: string;
    conditions?: string;
    weightedScore: number;
    panelSize: number;
    at: string;
  };
  /** Per lead unit, the report (`<period>#<revision>`) last written onto this task. */
  reportMarks?: Record<string, string>;
  outbox?: Record<string, unknown>;
  outboxPending?: boolean;
};

export interface ActivityEntry {
  at: string;
  by: string;
  /** edited | progress_reported | milestone_completed | progress_rolled_up */
  kind: string;
  detail: string;
}

const milestone = new Schema({ title: String, dueDate: String, done: Boolean, evidence: String }, { _id: false });
const target = new Schema(
  { metric: String, label: String, comparator: String, value: Number, unit: String, year: Number },
  { _id: false },
);
const history = new Schema({ at: String, by: String, from: String, to: String, reason: String }, { _id: false });
const activity = new Schema({ at: String, by: String, kind: String, detail: String }, { _id: false });
const contact = new Schema({ unitId: String, name: String, phone: String, email: String }, { _id: false });

export const taskSchema = new Schema<TaskDocument>(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    planYear: { type: Number, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    policySection: {
      type: { section: Number, sectionTitle: String, item: Number, area: Number },
      _id: false,
      required: true,
    },
    parentCode: { type: String },
    children: { type: [String], default: [] },
    leadUnitIds: { type: [String], required: true },
    coUnitIds: { type: [String], default: [] },
    contacts: { type: [contact], default: [] },
    startDate: { type: String },
    dueDate: { type: String },
    milestones: { type: [milestone], default: [] },
    targets: { type: [target], default: [] },
    weight: { type: Number, required: true },
    progress: { type: Number, required: true },
    riskLevel: { type: String, required: true },
    status: { type: String, required: true },
    history: { type: [history], default: [] },
    version: { type: Number, required: true },
    overdueFlaggedFor: { type: String },
    dueSoonRemindedFor: { type: String },
    activity: { type: [activity], default: [] },
    reportMarks: { type: Schema.Types.Mixed },
    appraisal: { type: Schema.Types.Mixed },
    outbox: { type: Schema.Types.Mixed },
    outboxPending: { type: Boolean },
  },
  { collection: 'tasks', versionKey: false, minimize: false },
);
