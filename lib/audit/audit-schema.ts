/**
 * The audit page's filters (lib/audit/list-audit-events.ts), from its query string: nothing in an
 * audit filter is a secret, so the page is a plain GET form and every search can be bookmarked,
 * and the CSV export takes the very same query string.
 */
import { z } from 'zod';
import { isAuditAction } from './catalogue';

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const day = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-31')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Not a date')
    .optional(),
);

/** `USER:<user id>`, `API_CLIENT:<client id>` or `SYSTEM` (the worker and other jobs). */
const actorFilter = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(300)
    .regex(/^(USER|API_CLIENT):.+$|^SYSTEM$/, 'Choose an actor')
    .transform((v) => {
      const [type, ...rest] = v.split(':');
      return { type: type as 'USER' | 'API_CLIENT' | 'SYSTEM', id: rest.length ? rest.join(':') : null };
    })
    .optional(),
);

export const auditQuerySchema = z
  .object({
    actor: actorFilter,
    action: z.preprocess(blankToUndefined, z.string().refine(isAuditAction, 'Not an audit action').optional()),
    card: z.preprocess(blankToUndefined, z.string().trim().max(255).optional()),
    batch: z.preprocess(blankToUndefined, z.uuid({ message: 'A print run id (a UUID)' }).optional()),
    store: z.preprocess(blankToUndefined, z.uuid({ message: 'Choose a store' }).optional()),
    from: day,
    to: day,
    size: z.preprocess(
      blankToUndefined,
      z.coerce
        .number()
        .refine((n) => (AUDIT_PAGE_SIZES as readonly number[]).includes(n), `One of ${AUDIT_PAGE_SIZES.join(', ')}`)
        .default(50),
    ),
    cursor: z.preprocess(blankToUndefined, z.string().max(500).optional()),
    /** The page number to show beside the cursor (the links count it; it selects nothing). */
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(1)),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'Before the start of the range' });
export type AuditQuery = z.output<typeof auditQuerySchema>;
