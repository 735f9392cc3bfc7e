/**
 * Why HQ used a control on a card (adjust, refund, replace, expiry, deactivate, rotate PIN): the
 * required reason from a list, stored in the audit row next to the free-text note. HQ shows them
 * through the `hqCard.reasons` messages. Pure: the browser imports it.
 */
export const CONTROL_REASONS = {
  adjust: ['till_error', 'goodwill', 'correction', 'migration', 'other'],
  refund: ['returned_goods', 'double_charge', 'cancelled_order', 'goodwill', 'other'],
  replace: ['damaged', 'lost', 'stolen', 'customer_request', 'other'],
  expiry: ['customer_request', 'goodwill', 'legal_requirement', 'correction', 'other'],
  deactivate: ['fraud', 'closed_programme', 'customer_request', 'legal_requirement', 'other'],
  rotate_pin: ['scratched_pin', 'reissue', 'suspected_fraud', 'other'],
} as const;

export type ControlName = keyof typeof CONTROL_REASONS;
export type ControlReason<C extends ControlName> = (typeof CONTROL_REASONS)[C][number];

/** The block reasons the controls set themselves (never chosen in the block form). */
export const SYSTEM_BLOCK_REASONS = ['replaced', 'deactivated'] as const;
