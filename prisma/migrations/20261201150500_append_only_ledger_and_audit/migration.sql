-- Hand-written: the ledger (card_transactions) and the audit log (audit_events) are append-only,
-- enforced by the database whatever writes to it: UPDATE, DELETE and TRUNCATE are refused.
-- (Prisma cannot express triggers; the schema engine ignores them.)
CREATE FUNCTION "cardstock_refuse_history_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "card_transactions_append_only"
  BEFORE UPDATE OR DELETE ON "card_transactions"
  FOR EACH ROW EXECUTE FUNCTION "cardstock_refuse_history_change"();
CREATE TRIGGER "card_transactions_no_truncate"
  BEFORE TRUNCATE ON "card_transactions"
  FOR EACH STATEMENT EXECUTE FUNCTION "cardstock_refuse_history_change"();

CREATE TRIGGER "audit_events_append_only"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "cardstock_refuse_history_change"();
CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "cardstock_refuse_history_change"();
