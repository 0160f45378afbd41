-- Erasure of a participant (issue 14): every row about the person goes; what stays is an anonymous
-- tombstone that an erasure happened (study, when, by whom, counts per kind), and on a finding the
-- number of its evidence quotes that were erased with their participant.
create table participant_erasure (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  erased_by uuid references account (id) on delete set null,
  erased_at timestamptz not null default now(),
  counts jsonb not null default '{}'
);
create index participant_erasure_study_idx on participant_erasure (study_id, erased_at desc);
create index participant_erasure_erased_by_idx on participant_erasure (erased_by);

alter table finding add column erased_evidence integer not null default 0;
