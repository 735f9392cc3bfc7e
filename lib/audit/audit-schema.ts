/**
 * The audit page's filters (lib/audit/list-audit-events.ts), from its query string: nothing in an
 * audit filter is a secret, so the page is a plain GET form and every search can be bookmarked,
 * and the CSV export takes the very same query string.
 */
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { isAuditAction } from './catalogue';

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const day = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, validationText('dateLikeDec'))
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), validationText('notADate'))
    .optional(),
);

/** `USER:<user id>`, `API_CLIENT:<client id>` or `SYSTEM` (the worker and other jobs). */
const actorFilter = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(300)
    .regex(/^(USER|API_CLIENT):.+$|^SYSTEM$/, validationText('chooseActor'))
    .transform((v) => {
      const [type, ...rest] = v.split(':');
      return { type: type as 'USER' | 'API_CLIENT' | 'SYSTEM', id: rest.length ? rest.join(':') : null };
    })
    .optional(),
);

export const auditQuerySchema = z
  .object({
    actor: actorFilter,
    action: z.preprocess(blankToUndefined, z.string().refine(isAuditAction, validationText('notAuditAction')).optional()),
    card: z.preprocess(blankToUndefined, z.string().trim().max(255).optional()),
    batch: z.preprocess(blankToUndefined, z.uuid({ message: validationText('printRunUuid') }).optional()),
    store: z.preprocess(blankToUndefined, z.uuid({ message: validationText('chooseStore') }).optional()),
    from: day,
    to: day,
    size: z.preprocess(
      blankToUndefined,
      z.coerce
        .number()
        .refine((n) => (AUDIT_PAGE_SIZES as readonly number[]).includes(n), validationText('oneOf', { values: AUDIT_PAGE_SIZES.join(', ') }))
        .default(50),
    ),
    cursor: z.preprocess(blankToUndefined, z.string().max(500).optional()),
    /** The page number to show beside the cursor (the links count it; it selects nothing). */
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(1)),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: validationText('beforeRangeStart') });
export type AuditQuery = z.output<typeof auditQuerySchema>;
