-- Deleting a study failed (500, coding_code_code_id_fkey) once a coding had a code: the study's cascade
-- deletes its codes in one internal statement and its codings in another, and the codes' statement
-- checked coding_code (NO ACTION is checked at the end of that internal statement) before the codings'
-- cascade had removed its rows. Checked at commit instead, the check sees the whole deletion. Deleting a
-- code in use is still refused: coding.service counts its uses first (CODE_IN_USE), and a coding that
-- slips in still fails the commit.
alter table coding_code
  drop constraint coding_code_code_id_fkey,
  add constraint coding_code_code_id_fkey foreign key (code_id) references code (id) deferrable initially deferred;
-- The same for a code's parent, so a study's codebook tree goes in any order.
alter table code
  drop constraint code_parent_id_fkey,
  add constraint code_parent_id_fkey foreign key (parent_id) references code (id) deferrable initially deferred;
