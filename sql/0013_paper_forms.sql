-- The paper channel (issue #16): printed forms with the layout of their marks, the scanned pages read back,
-- and forms keyed by hand (optionally twice). A form is an invitation's (its code kept only as a hash, like
-- the invitation's own) or a blank one with a serial number.

-- A printing's layout: where every mark, text area and question sits on every page, in PDF points from
-- each page's top-left corner. Forms printed from the same questionnaire share one.
create table paper_layouts (
  id         uuid primary key default gen_random_uuid(),
  wave_id    text not null references waves(id),
  checksum   text not null check (checksum ~ '^[0-9a-f]{64}$'),
  layout     jsonb not null,
  created_at timestamptz not null default now(),
  unique (wave_id, checksum)
);

create table paper_forms (
  id            uuid primary key default gen_random_uuid(),
  wave_id       text not null references waves(id),
  -- sha256 of the canonical invitation code, or the serial of a blank form: what its QR names.
  form_key      text not null check (length(form_key) between 1 and 64),
  serial        text check (serial ~ '^S[0-9]{6}$'),
  invitation_id uuid references invitations(id) on delete set null,
  commune_code  text,
  layout_id     uuid not null references paper_layouts(id),
  printed_at    timestamptz not null default now(),
  status        text not null default 'printed'
                check (status in ('printed', 'returned', 'verification', 'stored', 'refused')),
  -- Answers read or settled so far, and the questions still waiting for a clerk.
  answers       jsonb not null default '{}'::jsonb,
  uncertain     jsonb not null default '[]'::jsonb,
  -- Why a complete form was not stored (the validation problem), for the clerk.
  refusal       jsonb,
  response_id   uuid references responses(id),
  updated_at    timestamptz not null default now(),
  unique (wave_id, form_key),
  check (serial is null or invitation_id is null),
  check ((status = 'stored') = (response_id is not null))
);

create index paper_forms_wave_commune on paper_forms (wave_id, commune_code);
create index paper_forms_wave_status on paper_forms (wave_id, status);

-- A scanned page as received (grey PNG), where it sits (the affine map from layout points to its pixels)
-- and the fill score of every mark. A page read again replaces its earlier reading until the form is stored.
create table paper_pages (
  form_id    uuid not null references paper_forms(id) on delete cascade,
  page       integer not null check (page between 1 and 999),
  image      bytea not null,
  image_hash text not null check (image_hash ~ '^[0-9a-f]{64}$'),
  transform  jsonb not null,
  scores     jsonb not null,
  source     text,
  read_at    timestamptz not null default now(),
  primary key (form_id, page)
);

-- Forms keyed by hand: the first clerk's entry and, for double entry, a second clerk's.
create table paper_keyings (
  form_id  uuid not null references paper_forms(id) on delete cascade,
  pass     integer not null check (pass in (1, 2)),
  keyed_by integer references users(id) on delete set null,
  answers  jsonb not null,
  keyed_at timestamptz not null default now(),
  primary key (form_id, pass)
);
