import { Schema } from 'mongoose';

export interface UnitDocument {
  /** The registry id from @aiplat/contracts (a wire contract). */
  _id: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  aliases: string[];
  active: boolean;
}

export const unitSchema = new Schema<UnitDocument>(
  {
    _id: { type: String, required: true },
    nameZh: { type: String, required: true },
    nameEn: { type: String, required: true },
    kind: { type: String, required: true },
    aliases: { type: [String], default: [] },
    active: { type: Boolean, default: true },
  },
  { collection: 'units', versionKey: false },
);
