import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { csvRecords } from '@/lib/csv/spreadsheet-safe';
import type { AuditQuery } from './audit-schema';
import { auditActionLabel } from './catalogue';
import { auditActor, recordAuditEvent } from './record-audit-event';
import { auditWhere, describeAuditRows, readAuditPage } from './list-audit-events';

const EXPORT_PAGE = 1_000;
export const AUDIT_CSV_HEADER = ['time', 'actor_type', 'actor_id', 'actor', 'action', 'action_label', 'target_type', 'target_id', 'target', 'data'];

/**
 * The audit log's events matching the page's filters as CSV, newest first, read a keyset page
 * of 1,000 at a time as the consumer pulls (a million rows never sit in memory), every field
 * spreadsheet-safe (lib/csv). The export itself is audited (`audit.export`, with its filters)
 * before the first row. HQ admins (`audit:view`).
 */
export async function exportAuditEventsCsv(actor: UserActor, input: AuditQuery, filters: Record<string, string>) {
  assertCan(actor, 'audit:view');
  const where = await auditWhere(actor.accountId, input);
  await recordAuditEvent({
    accountId: actor.accountId,
    actor: auditActor(actor),
    action: 'audit.export',
    target: { type: 'account', id: actor.accountId },
    data: { filters },
  });
  async function* rows(): AsyncGenerator<string> {
    yield csvRecords([AUDIT_CSV_HEADER]);
    if (!where) return;
    let cursor: string | undefined;
    for (;;) {
      const page = await readAuditPage(where, EXPORT_PAGE, cursor);
      const described = await describeAuditRows(actor.accountId, page.rows);
      if (described.length > 0) {
        yield csvRecords(
          described.map((r) => [
            r.at,
            r.actorType,
            r.actorId ?? '',
            r.actorName ?? '',
            r.action,
            auditActionLabel(r.action),
            r.targetType ?? '',
            r.targetId ?? '',
            r.targetLabel ?? '',
            JSON.stringify(r.data ?? {}),
          ]),
        );
      }
      if (!page.next) return;
      cursor = page.next;
    }
  }
  const day = new Date().toISOString().slice(0, 10);
  return { filename: `audit-log-${actor.accountId}-${day}.csv`, rows: rows() };
}
