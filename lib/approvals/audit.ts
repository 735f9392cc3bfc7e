import type { AuditEventInput } from '@/lib/audit/record-audit-event';

/**
 * The common part of the audit row of every step of a request (approval.requested | approved |
 * rejected | expired | executed, lib/audit/catalogue.ts): the account, who, the request as the
 * target, and its kind and subject in the data. Callers add the literal action and its own data.
 */
export function approvalAudit(step: { accountId: string; actor: AuditEventInput['actor']; requestId: string; kind: string; subject: string }) {
  return {
    accountId: step.accountId,
    actor: step.actor,
    target: { type: 'approval_request', id: step.requestId },
    data: { kind: step.kind, subject: step.subject },
  };
}
