-- A participant's request to have their data removed (issue 14), made in the respondent app where the
-- study does not erase at once (study.erase_on_request false). It waits for an admin, who confirms it
-- (the participant is erased, reason 'participant_request'; this row goes with them by the cascade,
-- the tombstone records the reason) or declines it (the row stays, with who and when, and the
-- participant sees it was declined). One request per participant: asking again is the same request.
create table removal_request (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  participant_id uuid not null unique references participant (id) on delete cascade,
  requested_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'declined')),
  -- why it was declined, shown to the participant (the admin's words, optional)
  decline_reason text check (char_length(decline_reason) <= 1000),
  decided_by uuid references account (id) on delete set null,
  decided_at timestamptz,
  check ((status = 'pending') = (decided_at is null))
);
create index removal_request_study_idx on removal_request (study_id, status, requested_at);
create index removal_request_decided_by_idx on removal_request (decided_by);
