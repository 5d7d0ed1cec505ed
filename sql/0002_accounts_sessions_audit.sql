-- Officials' accounts, their database-stored sessions, and the audit log.

create table users (
  id                 integer generated always as identity primary key,
  username           text not null check (username ~ '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$'),
  display_name       text not null check (length(display_name) between 1 and 200),
  role               text not null check (role in ('national_admin', 'analyst', 'province_official')),
  -- A province official's scope: one province of one geography. Everyone else sees every province.
  province_geography text,
  province_code      text,
  -- A PHC string, never a plain password: $scrypt$ln=15,r=8,p=3$salt$key, parameters included so
  -- they can be raised later (and the algorithm changed) without touching this table.
  password_hash      text not null check (password_hash ~ '^\$[a-z0-9-]+\$'),
  failed_attempts    integer not null default 0 check (failed_attempts >= 0),
  locked_until       timestamptz,
  disabled           boolean not null default false,
  last_login_at      timestamptz,
  created_at         timestamptz not null default now(),
  foreign key (province_geography, province_code) references provinces(geography_code, code),
  check ((province_geography is null) = (province_code is null)),
  check ((role = 'province_official') = (province_code is not null))
);

create unique index users_username_ci on users (lower(username));

-- The cookie carries a random token; only its sha256 is stored, so a copy of this table opens no session.
create table sessions (
  id           text primary key check (id ~ '^[0-9a-f]{64}$'),
  user_id      integer not null references users(id) on delete cascade,
  -- Synchronizer token against CSRF. Useless without the session token, which is stored only as a hash.
  csrf_token   text not null,
  created_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at   timestamptz not null,              -- absolute expiry; idle expiry is last_seen_at + the idle limit
  ip           text,
  user_agent   text
);

create index sessions_user on sessions (user_id);
create index sessions_expires on sessions (expires_at);

-- Append-only record of who did what. Actions are named in code (auth/audit.ts); new ones need no migration.
create table audit_log (
  id        bigint generated always as identity primary key,
  at        timestamptz not null default now(),
  actor_id  integer references users(id) on delete set null,
  action    text not null check (action ~ '^[a-z][a-z0-9_]{1,63}$'),
  target    text,                                 -- e.g. 'user:12', 'wave:sipas-2026'
  details   jsonb not null default '{}',
  ip        text
);

create index audit_log_at on audit_log (at desc);
-- Login throttling counts recent failures per client address, and failures and lockouts per attempted
-- login (details.login: a hash of the lower-cased username, so a password typed as a username is not kept).
create index audit_log_failures_by_ip on audit_log (ip, at) where action = 'login_failed';
create index audit_log_attempts_by_login on audit_log ((details->>'login'), action, at)
  where action in ('login_failed', 'lockout');
