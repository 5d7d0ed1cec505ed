-- What the fieldwork monitor reads of each response, kept narrow (no answers) so a wave of 40,000 responses
-- is read in one short scan instead of the whole responses table. Kept in step with responses by a trigger
-- (inserts, exclusions, re-inclusions). The rating counts of the straight-lining rule are counted by the
-- application from the answers once per response (null until then, and again when the answers change).

create table response_monitor (
  response_id      uuid primary key references responses(id) on delete cascade,
  wave_id          text not null,
  province_code    text not null,
  unit             text,               -- the PSU: the commune (household) or the service point
  channel          text not null,
  device_id        text,
  status           text not null,
  sampled          boolean not null,
  duration_ms      integer,
  received_at      timestamptz not null,
  answered_at      timestamptz not null,
  content_hash     text not null,
  rating_count     smallint,
  distinct_ratings smallint
);

create index response_monitor_wave on response_monitor (wave_id, received_at);
create index response_monitor_uncounted on response_monitor (wave_id) where rating_count is null;

create function response_monitor_sync() returns trigger language plpgsql as $$
declare
  same_answers boolean := tg_op = 'UPDATE' and old.answers = new.answers;
begin
  insert into response_monitor (response_id, wave_id, province_code, unit, channel, device_id, status, sampled,
                                duration_ms, received_at, answered_at, content_hash)
  values (new.id, new.wave_id, new.province_code, coalesce(new.psu, new.commune_code), new.channel, new.device_id,
          new.status, new.sampled, new.duration_ms, new.received_at, coalesce(new.submitted_at, new.received_at), new.content_hash)
  on conflict (response_id) do update set
    wave_id = excluded.wave_id, province_code = excluded.province_code, unit = excluded.unit, channel = excluded.channel,
    device_id = excluded.device_id, status = excluded.status, sampled = excluded.sampled, duration_ms = excluded.duration_ms,
    received_at = excluded.received_at, answered_at = excluded.answered_at, content_hash = excluded.content_hash,
    rating_count = case when same_answers then response_monitor.rating_count end,
    distinct_ratings = case when same_answers then response_monitor.distinct_ratings end;
  return null;
end
$$;

create trigger responses_monitor after insert or update of
    wave_id, province_code, psu, commune_code, channel, device_id, status, sampled, duration_ms, received_at, submitted_at,
    content_hash, answers
  on responses
  for each row execute function response_monitor_sync();

insert into response_monitor (response_id, wave_id, province_code, unit, channel, device_id, status, sampled,
                              duration_ms, received_at, answered_at, content_hash)
select id, wave_id, province_code, coalesce(psu, commune_code), channel, device_id, status, sampled,
       duration_ms, received_at, coalesce(submitted_at, received_at), content_hash
from responses;

create index responses_wave_status on responses (wave_id, status);
