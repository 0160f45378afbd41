-- Study exports (issue 15): each a background job on the work queue that streams rows from a cursor into
-- a file under DATA_DIR/exports, with its progress here for the analyst app's progress bar. The file is
-- kept until expires_at and then removed with its row's file name. An export asked for again while the
-- same one (same asker, same spec) is queued or running is that job (spec_key, the partial unique index).
-- An erasure in the study re-runs the study's exports (generation + 1): a file written before the
-- erasure must not outlive it, and a run that started before it finds its generation gone and discards
-- its file.
create table export_job (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  requested_by uuid references account (id) on delete set null,
  -- the request as the contract's CreateExportBody parsed it (datasets, format, CSV dialect, filters, options)
  spec jsonb not null,
  -- a canonical text of spec: the same request by the same asker while one is queued or running is one job
  spec_key text not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed', 'expired')),
  generation integer not null default 1,
  rows_total bigint not null default 0,
  rows_done bigint not null default 0,
  -- the file's name under DATA_DIR/exports while it exists, the name the download offers, and its size
  file_path text,
  file_name text,
  file_bytes bigint,
  -- an error code (shared/exports/constants EXPORT_FAILURES) when status is failed
  failure text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  expires_at timestamptz
);
create index export_job_study_idx on export_job (study_id, created_at desc);
create index export_job_requested_by_idx on export_job (requested_by);
create index export_job_expires_idx on export_job (expires_at) where status = 'done';
create unique index export_job_one_running on export_job (study_id, requested_by, spec_key)
  where status in ('queued', 'running');
