-- Who counts in the index (METHOD.md §7). A household wave's official figures use only the responses that
-- belong to its sample: those that claimed an invitation code of its sample plan, and paper forms entered
-- against one. Responses through the open link are kept, marked not sampled, and can be estimated only in
-- a separate non-probability run, which can never be published. A self-selected wave is declared `open`
-- (formerly `nonprobability`): every valid response counts, and every figure says it is not from a
-- probability sample.

alter table waves drop constraint waves_design_check;
update waves set design = 'open' where design = 'nonprobability';
alter table waves add constraint waves_design_check check (design in ('household', 'service_point', 'open'));

-- Set at ingestion: false for a response to a household wave that claimed no invitation (the open link).
-- Rows written directly (imports, the synthetic demo) are paper forms of the sample.
alter table responses add column sampled boolean not null default true;

-- Responses already stored in household waves through the open link: no invitation and no design weight.
update responses r set sampled = false
  from waves w
  where w.id = r.wave_id and w.design = 'household' and r.base_weight is null
    and not exists (select 1 from invitations i where i.response_id = r.id);

create index responses_wave_not_sampled on responses (wave_id) where not sampled;

-- A run of a household wave's not-sampled responses, made only on request: non-probability figures that
-- are never published (nor ranked, reported or put in open data).
alter table estimation_runs
  add column not_sampled boolean not null default false,
  add constraint estimation_runs_not_sampled_unpublished check (not (not_sampled and published_at is not null));
