-- Population totals per wave (raking margins) and stored estimation runs with every result row.

create table wave_margins (
  wave_id       text not null references waves(id),
  variable      text not null check (variable in ('sex', 'age_group')),
  province_code text not null,
  level         text not null,
  total         double precision not null check (total > 0),
  primary key (wave_id, variable, province_code, level)
);

-- A run is frozen: what went in (fingerprints), with which code, and everything that came out.
create table estimation_runs (
  id                  uuid primary key default gen_random_uuid(),
  wave_id             text not null references waves(id),
  geography_code      text not null references geography_versions(code),  -- the units reported as provinces
  schemes             text[] not null,
  parameters          jsonb not null,
  input_fingerprint   text not null,
  margins_fingerprint text,
  code_version        text not null,
  respondent_count    integer not null,
  status              text not null check (status in ('succeeded', 'failed')),
  error               text,
  started_by          integer references users(id) on delete set null,
  started_at          timestamptz not null,
  finished_at         timestamptz not null default now()
);

create index estimation_runs_wave on estimation_runs (wave_id, finished_at desc);

create table estimation_results (
  run_id       uuid not null references estimation_runs(id) on delete cascade,
  scheme       text not null,
  domain_type  text not null,
  domain       text not null,
  indicator    text not null,
  n            integer not null,
  n_psu        integer not null,
  df           integer not null,
  sum_w        double precision,
  p_unweighted double precision,
  p            double precision,
  se           double precision,
  ci_xlogit_lo double precision,
  ci_xlogit_hi double precision,
  ci_kg_lo     double precision,
  ci_kg_hi     double precision,
  deff         double precision,
  kish_deff    double precision,
  kish_neff    double precision,
  flags        text[] not null default '{}',
  primary key (run_id, scheme, domain_type, domain, indicator)
);
