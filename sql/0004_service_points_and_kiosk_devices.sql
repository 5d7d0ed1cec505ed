-- Service points (the one-stop counters where citizens handle procedures) and the kiosks enrolled at them.

-- A place, nothing more: sampling frames and design data about a point belong in tables that reference it.
create table service_points (
  code               text primary key check (code ~ '^[A-Z0-9][A-Z0-9._-]{1,39}$'),
  name_vi            text not null check (length(name_vi) between 1 and 200),
  province_geography text not null,
  province_code      text not null,
  commune_code       text,
  active             boolean not null default true,
  created_at         timestamptz not null default now(),
  foreign key (province_geography, province_code) references provinces(geography_code, code),
  foreign key (province_geography, commune_code) references communes(geography_code, code)
);

create index service_points_province on service_points (province_geography, province_code);

-- A kiosk holds a random device token; only its sha256 is stored, so a copy of this table enrols nothing.
-- A revoked device keeps its row: its responses still name it.
create table kiosk_devices (
  id                 uuid primary key default gen_random_uuid(),
  token_hash         text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  service_point_code text not null references service_points(code),
  wave_id            text references waves(id),          -- null: any open wave of the kiosk questionnaire
  label              text not null check (length(label) between 1 and 100),
  enrolled_by        integer references users(id) on delete set null,
  enrolled_at        timestamptz not null default now(),
  revoked_at         timestamptz,
  last_seen_at       timestamptz
);

create index kiosk_devices_service_point on kiosk_devices (service_point_code);
