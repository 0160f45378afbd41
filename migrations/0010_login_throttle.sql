-- Sign-in attempts per account (and per client address), counted in the database so that the
-- limit holds across addresses and API instances. A row is one key's current window; an attempt
-- takes a slot with one upsert before the password is checked, so concurrent guesses cannot all
-- pass a check that they each read before any of them was counted.
create table login_throttle (
  key text primary key,
  window_start timestamptz not null,
  attempts integer not null
);
-- The failed sign-ins in the audit log were the count before; they stay as the record, unindexed.
drop index audit_log_failed_login_idx;
-- migrate:down
create index audit_log_failed_login_idx on audit_log (actor_email, at) where action = 'auth.login_failed';
drop table login_throttle;
