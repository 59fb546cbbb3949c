import { ROLES, type Role } from '@aiplat/contracts';
import { Schema } from 'mongoose';

export interface UserDocument {
  /** A UUID: lookups by `_id` are the ones FerretDB serves from an index. */
  _id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  passwordHash: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

export const userSchema = new Schema<UserDocument>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    unitId: { type: String, required: true },
    roles: { type: [String], enum: ROLES, required: true },
    passwordHash: { type: String, required: true },
    active: { type: Boolean, required: true, default: true },
    createdBy: { type: String, required: true },
  },
  { collection: 'users', timestamps: true, versionKey: false },
);
