import { Schema } from 'mongoose';

/** A POST made with an `Idempotency-Key`: `_id` = `<user id>:<key>`, so a key is per user. */
export interface IdempotencyDocument {
  _id: string;
  requestHash: string;
  state: 'in_progress' | 'done';
  status?: number;
  /** The response body as JSON text (bodies may hold shapes FerretDB cannot store). */
  body?: string;
  createdAt: Date;
}

export const idempotencySchema = new Schema<IdempotencyDocument>(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    state: { type: String, required: true },
    status: { type: Number },
    body: { type: String },
    createdAt: { type: Date, required: true, index: true },
  },
  { collection: 'idempotency_keys', versionKey: false },
);
