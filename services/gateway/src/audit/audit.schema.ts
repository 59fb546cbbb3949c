import { Schema } from 'mongoose';

/** One state-changing request: who, from which unit, when, what, on what, and how it ended. */
export interface AuditDocument {
  _id: string;
  at: Date;
  requestId: string;
  method: string;
  route: string;
  action: string;
  target?: string;
  actor?: { userId: string; username: string; unitId: string; roles: string[] };
  status: number;
  outcome: 'succeeded' | 'refused' | 'failed';
  /** An edit's changed fields, from → to (secrets and contact details without values). */
  changes?: Array<{ field: string; from?: string; to?: string }>;
  ip?: string;
}

const changeSchema = new Schema(
  { field: { type: String, required: true }, from: { type: String }, to: { type: String } },
  { _id: false },
);

export const auditSchema = new Schema<AuditDocument>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true, index: true },
    requestId: { type: String, required: true },
    method: { type: String, required: true },
    route: { type: String, required: true },
    action: { type: String, required: true },
    target: { type: String },
    actor: { type: { userId: String, username: String, unitId: String, roles: [String] }, _id: false },
    status: { type: Number, required: true },
    outcome: { type: String, required: true },
    changes: { type: [changeSchema], default: undefined },
    ip: { type: String },
  },
  { collection: 'audit_log', versionKey: false },
);
