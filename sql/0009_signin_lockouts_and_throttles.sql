-- Sign-in locks grow with each lockout in a row (issue #13): the account remembers how many it has had
-- since its last successful sign-in or unlock.
alter table users add column lockouts integer not null default 0 check (lockouts >= 0);

-- Failures per client address in a fixed window, for throttles that must not write a row per attempt
-- (invitation-code look-ups): one row per (throttle, address, window), counted up.
create table address_failures (
  throttle     text not null check (throttle ~ '^[a-z][a-z0-9_]{1,63}$'),
  address      text not null,
  window_start timestamptz not null,
  failures     integer not null check (failures > 0),
  primary key (throttle, address, window_start)
);

create index address_failures_window on address_failures (window_start);
