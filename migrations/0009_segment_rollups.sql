-- The dashboard's segment filter from rollups too (0008 left segments to a live count, 7 s at 1M
-- responses). The same counts as 0008, keyed by one segment attribute (key and value) of the
-- participant instead of the persona; a response counts once under each of its participant's
-- segments, and anonymous responses, having none, under none. A segment together with a persona
-- is still counted from the answers.

create table survey_segment_rollup (
  study_id uuid not null references study (id) on delete cascade,
  seg_key text not null,
  seg_value text not null,
  grain text not null check (grain in ('day', 'month')),
  touchpoint_id uuid,
  type text not null check (type in ('csat', 'emotion', 'nps')),
  day date not null,
  value smallint not null,
  n integer not null,
  unique nulls not distinct (study_id, seg_key, seg_value, grain, touchpoint_id, type, day, value)
);

create table survey_segment_response_rollup (
  study_id uuid not null references study (id) on delete cascade,
  seg_key text not null,
  seg_value text not null,
  grain text not null check (grain in ('day', 'month')),
  day date not null,
  n integer not null,
  unique (study_id, seg_key, seg_value, grain, day)
);

create table survey_segment_pair_rollup (
  study_id uuid not null references study (id) on delete cascade,
  seg_key text not null,
  seg_value text not null,
  grain text not null check (grain in ('day', 'month')),
  touchpoint_id uuid not null,
  day date not null,
  csat smallint not null,
  nps smallint not null,
  n integer not null,
  unique (study_id, seg_key, seg_value, grain, touchpoint_id, day, csat, nps)
);
