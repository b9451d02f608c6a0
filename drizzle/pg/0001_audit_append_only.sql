-- The audit trail is append-only: the database itself refuses edits, deletions and truncation.
CREATE FUNCTION activity_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'activity is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER activity_no_update_delete BEFORE UPDATE OR DELETE ON activity
  FOR EACH ROW EXECUTE FUNCTION activity_append_only();
--> statement-breakpoint
CREATE TRIGGER activity_no_truncate BEFORE TRUNCATE ON activity
  FOR EACH STATEMENT EXECUTE FUNCTION activity_append_only();
