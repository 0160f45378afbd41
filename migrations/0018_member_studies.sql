-- Per-study members and erased sources of double-coding samples (issue 14).
-- A member may be limited to some of the organization's studies (a stakeholder who sees one study's
-- dashboard and findings): `study_ids` lists them; null means every study of the organization. An
-- invitation carries the same list to the membership it creates. Ids of deleted studies may linger in
-- the array; they match nothing, so they are harmless.
alter table membership add column study_ids uuid[];
alter table invitation add column study_ids uuid[];
-- How many of a sample's sources were erased with their participant: the sample view says so, and the
-- agreement is computed over the sources that are left.
alter table coding_sample add column erased_sources integer not null default 0
  check (erased_sources >= 0);
