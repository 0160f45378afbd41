-- The audit screen filters events by study, action and actor (issue 14).
-- Which study an event is about: its subject when that is the study (`study:<id>`), else the study the
-- event names in its detail (`participant:<pseudonym>` events carry `studyId`, so an erased
-- participant's events stay findable by study without naming them). Generated, so every writer, now
-- and later, fills it the same way; no foreign key, so the log outlives a deleted study.
alter table audit_log add column study_id uuid generated always as (
  case
    when subject ~ '^study:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then substr(subject, 7)::uuid
    when detail ->> 'studyId' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then (detail ->> 'studyId')::uuid
  end
) stored;
create index audit_log_study_idx on audit_log (organization_id, study_id, at desc, id desc) where study_id is not null;
-- text_pattern_ops serves both an exact action and a group (`participant.%`)
create index audit_log_action_idx on audit_log (organization_id, action text_pattern_ops, at desc, id desc);
-- the actor filter by address (by id uses audit_log_actor_idx)
create index audit_log_actor_email_idx on audit_log (organization_id, lower(actor_email));
-- migrate:down
drop index audit_log_actor_email_idx;
drop index audit_log_action_idx;
drop index audit_log_study_idx;
alter table audit_log drop column study_id;
