-- A kiosk is enrolled from the official's screen with a one-time code (typed on the kiosk or scanned as a QR):
-- only the code's sha256 is kept, it expires after minutes and serves once, and the device it created is
-- recorded. Each kiosk also reports, with its regular check-in, how many answers wait in its queue and
-- which build of the page it runs, so officials see it from their screen.

create table kiosk_enrolment_codes (
  code_hash          text primary key check (code_hash ~ '^[0-9a-f]{64}$'),
  service_point_code text not null references service_points(code),
  wave_id            text references waves(id),
  label              text not null check (length(label) between 1 and 100),
  created_by         integer references users(id) on delete set null,
  created_at         timestamptz not null default now(),
  expires_at         timestamptz not null,
  used_at            timestamptz,
  device_id          uuid references kiosk_devices(id),
  check ((used_at is null) = (device_id is null))
);

alter table kiosk_devices
  add column waiting_answers integer check (waiting_answers >= 0),
  add column app_version     text check (length(app_version) between 1 and 100),
  add column reported_at     timestamptz;

-- A plan drawn outside the platform's draw is stored as drawn too: the demo's synthetic waves, with an
-- allocation proportional to each stratum (so no single number of communes per stratum or respondents per
-- commune; both left null) and six-digit synthetic commune codes that cannot collide with real ones.
alter table sample_plans
  drop constraint sample_plans_check1,
  add constraint sample_plans_drawn_stratified check (drawn_at is null or stratification is not null);

alter table sample_frame_units
  drop constraint sample_frame_units_commune_code_check,
  add constraint sample_frame_units_commune_code_check check (commune_code ~ '^[0-9]{5,6}$');
