-- Publishing a stored run opens its estimates (never its microdata) to the public JSON API. Only a
-- succeeded run can be published; a run is frozen, so publishing changes nothing but these two columns.

alter table estimation_runs
  add column published_at timestamptz,
  add column published_by integer references users(id) on delete set null,
  add constraint estimation_runs_published_succeeded check (published_at is null or status = 'succeeded');

create index estimation_runs_published on estimation_runs (published_at desc) where published_at is not null;
