-- Household sample plans (the frame, the PPS draw with its seed and every unit's inclusion probability),
-- one-time invitation codes stored only as hashes, refused uses of them, and service points' transaction
-- counts for service-point weights.

-- One plan per wave. The frame comes first; the draw options, seed and time are set by the draw.
create table sample_plans (
  wave_id                 text primary key references waves(id),
  frame_checksum          text not null check (frame_checksum ~ '^[0-9a-f]{64}$'),   -- sha256 of the uploaded file
  frame_uploaded_at       timestamptz not null default now(),
  frame_uploaded_by       integer references users(id) on delete set null,
  stratification          text check (stratification in ('province', 'province_urban_rural')),
  communes_per_stratum    integer check (communes_per_stratum between 1 and 10000),
  respondents_per_commune integer check (respondents_per_commune between 1 and 100000),
  seed                    bigint check (seed between 0 and 4294967295),
  drawn_at                timestamptz,
  drawn_by                integer references users(id) on delete set null,
  check ((drawn_at is null) = (seed is null)),
  check (drawn_at is null or (stratification is not null and communes_per_stratum is not null
                              and respondents_per_commune is not null))
);

-- Every commune of the frame, in file order (the order of the systematic draw). The draw sets every unit's
-- stratum and inclusion probability π, and the selected ones' targets.
create table sample_frame_units (
  wave_id               text not null references sample_plans(wave_id) on delete cascade,
  commune_code          text not null check (commune_code ~ '^[0-9]{5}$'),
  province_code         text not null,
  name_vi               text not null check (length(name_vi) between 1 and 200),
  urban_rural           text not null check (urban_rural in ('urban', 'rural')),
  adult_population      integer not null check (adult_population > 0),
  frame_line            integer not null,
  stratum               text,
  inclusion_probability double precision check (inclusion_probability > 0 and inclusion_probability <= 1),
  certainty             boolean not null default false,
  selected              boolean not null default false,
  target                integer check (target > 0),
  primary key (wave_id, commune_code),
  check (not selected or (stratum is not null and inclusion_probability is not null and target is not null))
);

create index sample_frame_units_selected on sample_frame_units (wave_id, province_code) where selected;

-- A printed code: only its sha256 is kept, so this table lets nobody answer in a respondent's place. Printing
-- a commune's sheet again revokes its unused codes. A used code names the response that used it.
create table invitations (
  id           uuid primary key default gen_random_uuid(),
  wave_id      text not null,
  commune_code text not null,
  slot         integer not null check (slot > 0),
  code_hash    text not null unique check (code_hash ~ '^[0-9a-f]{64}$'),
  issued_at    timestamptz not null default now(),
  issued_by    integer references users(id) on delete set null,
  revoked_at   timestamptz,
  response_id  uuid unique references responses(id),
  used_at      timestamptz,
  foreign key (wave_id, commune_code) references sample_frame_units(wave_id, commune_code) on delete cascade,
  check ((response_id is null) = (used_at is null)),
  check (revoked_at is null or response_id is null)
);

create unique index invitations_live_slot on invitations (wave_id, commune_code, slot) where revoked_at is null;
create index invitations_wave_commune on invitations (wave_id, commune_code);

-- Attempts to use a code already used (or revoked): a response refused and not stored, or (response_id
-- null) the citizen page opened with such a code.
create table invitation_refusals (
  id            bigint generated always as identity primary key,
  invitation_id uuid not null references invitations(id) on delete cascade,
  response_id   uuid,
  reason        text not null check (reason in ('already_used', 'revoked')),
  attempted_at  timestamptz not null default now()
);

create index invitation_refusals_invitation on invitation_refusals (invitation_id);

-- Transactions a service point handled in a period (dates inclusive, Vietnam time): responses of a
-- service-point wave answered there in the period weigh transactions / responses.
create table service_point_transactions (
  wave_id            text not null references waves(id),
  service_point_code text not null references service_points(code),
  period_start       date not null,
  period_end         date not null,
  transactions       integer not null check (transactions > 0),
  primary key (wave_id, service_point_code, period_start),
  check (period_end >= period_start)
);
