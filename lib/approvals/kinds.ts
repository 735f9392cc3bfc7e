/**
 * The kinds of step that can need a second HQ admin (four-eyes, dual control). Each kind's rules
 * (who may approve, what runs on approval) are its entry in registry.ts.
 */
export const APPROVAL_KINDS = ['print_release', 'dual_control_settings', 'card_adjustment', 'card_refund', 'bulk_expiry'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** A request nobody decided within this long expires (and then does nothing). */
export const APPROVAL_TTL_MS = 24 * 60 * 60 * 1000;
