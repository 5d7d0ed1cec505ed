-- A published run keeps the disclosure audit made when it was published (METHOD.md §7): which cells the
-- public API withholds and why, and the interval each withheld proportion can still be narrowed to. The
-- public sees exactly this decision until the run is unpublished, whatever later code would decide.

alter table estimation_runs
  add column disclosure jsonb,
  add constraint estimation_runs_disclosure_published check (disclosure is null or published_at is not null);
