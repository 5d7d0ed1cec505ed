-- Perception and priority answers (METHOD.md §2) tallied once, with the estimation run, from the very responses
-- the run estimated: the dashboard and the annual report read these instead of re-reading every answer.
-- One row per province of the wave's own geography, question, matrix row ('' for a single-choice question)
-- and answer: respondents giving it and their summed base weights (1 where a response has none).

alter table estimation_runs add column perceptions_tallied boolean not null default false;

create table run_perception_tallies (
  run_id        uuid not null references estimation_runs(id) on delete cascade,
  province_code text not null,
  question      text not null,
  row           text not null default '',
  value         text not null,
  n             integer not null check (n > 0),
  sum_w         double precision not null,
  primary key (run_id, province_code, question, row, value)
);
