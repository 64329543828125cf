/**
 * The stored shape of an access token (hash only, never the secret), one
 * schema for the SQL store's rows and the old file store's token files.
 */
import { z } from 'zod';

export const tokenSchema = z.object({
  id: z.string().regex(/^[0-9a-f]+$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  scope: z.enum(['admin', 'province', 'district', 'unit']),
  target: z.object({ province: z.string().optional(), district: z.string().optional(), unit: z.string().optional() }),
  label: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable().optional(),
  revokedAt: z.string().nullable().optional(),
});

/** The old file store's token files: written before tokens could expire or be revoked. */
export const fileStoreTokenSchema = tokenSchema.omit({ expiresAt: true, revokedAt: true });
