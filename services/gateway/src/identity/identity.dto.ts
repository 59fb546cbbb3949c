import { roleSchema } from '@aiplat/contracts';
import { z } from 'zod';
import { PASSWORD_RULES } from '../auth/password';
import { weakPasswordReason } from '../auth/password-strength';

export const usernameSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, underscore and hyphen');
/** A password a person sets (creation, reset): long enough and not easy to guess. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_RULES.minLength)
  .max(PASSWORD_RULES.maxLength)
  .superRefine((password, ctx) => {
    const reason = weakPasswordReason(password);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
const unitIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/);
const idParam = z.object({ id: z.uuid() }).strict();

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type UserView = z.infer<typeof userView>;

export const signInBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

export const signedInView = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.iso.datetime(),
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    unitId: z.string(),
    roles: z.array(roleSchema),
  }),
});

export const unitView = z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), kind: z.string() });

export const meView = z.object({
  user: signedInView.shape.user,
  unit: unitView,
  permissions: z.array(z.string()),
});

export const createUserBody = z
  .object({
    username: usernameSchema,
    displayName: z.string().min(1).max(100),
    unitId: unitIdSchema,
    roles: z.array(roleSchema).min(1).max(7),
    password: passwordSchema,
  })
  .strict();

export const updateUserBody = z
  .object({
    displayName: z.string().min(1).max(100).optional(),
    unitId: unitIdSchema.optional(),
    roles: z.array(roleSchema).min(1).max(7).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

export const resetPasswordBody = z.object({ password: passwordSchema }).strict();
export const userIdParams = idParam;
export const listUsersQuery = z
  .object({
    unitId: unitIdSchema.optional(),
    role: roleSchema.optional(),
    active: z.enum(['true', 'false']).optional(),
  })
  .strict();
