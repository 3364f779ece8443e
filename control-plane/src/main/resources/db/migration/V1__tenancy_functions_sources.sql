-- One schema for H2 (embedded default) and PostgreSQL. Keep to the common subset:
-- uuid, varchar, integer, bigint, boolean, timestamp with time zone.

create table organizations (
  id uuid primary key,
  name varchar(100) not null unique,
  created_at timestamp with time zone not null
);

create table projects (
  id uuid primary key,
  organization_id uuid not null references organizations (id),
  name varchar(100) not null,
  description varchar(2000) not null,
  created_at timestamp with time zone not null,
  constraint projects_name_unique unique (organization_id, name)
);

create table users (
  id uuid primary key,
  organization_id uuid not null references organizations (id),
  name varchar(200) not null,
  admin boolean not null,
  created_at timestamp with time zone not null,
  constraint users_name_unique unique (organization_id, name)
);

create table api_tokens (
  id uuid primary key,
  organization_id uuid not null references organizations (id),
  user_id uuid not null references users (id),
  project_id uuid references projects (id),
  name varchar(200) not null,
  token_hash varchar(64) not null unique,
  created_at timestamp with time zone not null,
  expires_at timestamp with time zone,
  revoked_at timestamp with time zone,
  last_used_at timestamp with time zone
);

create table functions (
  id uuid primary key,
  organization_id uuid not null references organizations (id),
  project_id uuid not null references projects (id),
  user_id uuid not null references users (id),
  name varchar(63) not null,
  description varchar(2000) not null,
  kind varchar(20) not null,
  serving_size varchar(20) not null,
  serving_gpu varchar(20),
  serving_timeout_seconds integer not null,
  build_env varchar not null,
  serving_env varchar not null,
  sealed_secrets varchar not null,
  schema_input varchar,
  schema_output varchar,
  latest_revision integer not null,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  constraint functions_name_unique unique (project_id, name)
);

create index functions_project_created on functions (project_id, created_at, id);

create table source_revisions (
  id uuid primary key,
  function_id uuid not null references functions (id) on delete cascade,
  project_id uuid not null references projects (id),
  number integer not null,
  digest varchar(71) not null,
  blob_key varchar(64) not null,
  size_bytes bigint not null,
  file_count integer not null,
  created_at timestamp with time zone not null,
  constraint source_revisions_number_unique unique (function_id, number)
);
