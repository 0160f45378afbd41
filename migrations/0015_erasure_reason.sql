-- Why an erasure happened (issue 14): an analyst erased the participant, the study's retention period
-- ran out (the daily job, no person), or the participant asked for it (confirmed by an analyst, or at
-- once where the study says so). Shown with the tombstone and in the audit log.
alter table participant_erasure
  add column reason text not null default 'analyst'
    check (reason in ('analyst', 'retention', 'participant_request'));
