-- Retention and participants' own removal requests (issue 14).
-- A study's participants' data is erased `retention_months` after the study ends (its own period, else
-- the organization's default; neither set: kept until someone erases it). A study ends when it is
-- closed (`closed_at`, set by the API when the status becomes closed).
alter table organization add column retention_months integer
  check (retention_months between 1 and 120);
alter table study add column retention_months integer
  check (retention_months between 1 and 120);
alter table study add column closed_at timestamptz;
update study set closed_at = updated_at where status = 'closed';
-- A participant's request to have their data removed is carried out at once (true) or waits for an
-- analyst to confirm it (false, the default).
alter table study add column erase_on_request boolean not null default false;
create index study_retention_idx on study (closed_at) where status = 'closed';
