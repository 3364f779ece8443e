-- MLflow-compatible model registry: registered models, their versions, tags and aliases.
-- Rows are keyed by (project_id, name): a rename rewrites the name in every table in one
-- transaction. Timestamps are epoch milliseconds, as MLflow sends and expects them.

create table mlflow_registered_models (
  project_id uuid not null references projects (id),
  name varchar(256) not null,
  description varchar(5000),
  user_id varchar(256),
  creation_time bigint not null,
  last_updated_time bigint not null,
  constraint mlflow_registered_models_pk primary key (project_id, name)
);

create table mlflow_registered_model_tags (
  project_id uuid not null,
  name varchar(256) not null,
  tag_key varchar(250) not null,
  tag_value varchar(5000),
  constraint mlflow_registered_model_tags_pk primary key (project_id, name, tag_key)
);

create table mlflow_registered_model_aliases (
  project_id uuid not null,
  name varchar(256) not null,
  alias varchar(256) not null,
  version integer not null,
  constraint mlflow_registered_model_aliases_pk primary key (project_id, name, alias)
);

create table mlflow_model_versions (
  project_id uuid not null,
  name varchar(256) not null,
  version integer not null,
  description varchar(5000),
  user_id varchar(256),
  source varchar(1000) not null,
  storage_location varchar(1000) not null,
  run_id varchar(32),
  run_link varchar(500),
  model_id varchar(64),
  current_stage varchar(20) not null,
  status varchar(20) not null,
  creation_time bigint not null,
  last_updated_time bigint not null,
  constraint mlflow_model_versions_pk primary key (project_id, name, version)
);

create index mlflow_model_versions_run on mlflow_model_versions (project_id, run_id);

create table mlflow_model_version_tags (
  project_id uuid not null,
  name varchar(256) not null,
  version integer not null,
  tag_key varchar(250) not null,
  tag_value varchar(5000),
  constraint mlflow_model_version_tags_pk primary key (project_id, name, version, tag_key)
);
