-- Builds: one row per build of a function's revision, and its log lines. Layers and step
-- durations are JSON text. config_key hashes what decides the image (kind, revision digest, build
-- env, base image): a build whose key matches an earlier succeeded build of the function is a
-- cache hit.

create table builds (
  id uuid primary key,
  project_id uuid not null references projects (id),
  function_id uuid not null references functions (id) on delete cascade,
  revision_number integer not null,
  revision_digest varchar(71) not null,
  auto_deploy boolean not null,
  status varchar(20) not null,
  error_code varchar(100),
  error_message varchar(4000),
  image_reference varchar(500),
  image_digest varchar(71),
  image_id varchar(71),
  layers varchar,
  durations varchar,
  config_key varchar(64) not null,
  created_at timestamp with time zone not null,
  started_at timestamp with time zone,
  finished_at timestamp with time zone
);

create index builds_project_created on builds (project_id, created_at);
create index builds_function_created on builds (function_id, created_at);
create index builds_status_created on builds (status, created_at);
create index builds_function_config on builds (function_id, config_key, status);

create table build_logs (
  build_id uuid not null references builds (id) on delete cascade,
  seq integer not null,
  ts timestamp with time zone not null,
  stream varchar(10) not null,
  line varchar(8000) not null,
  primary key (build_id, seq)
);
