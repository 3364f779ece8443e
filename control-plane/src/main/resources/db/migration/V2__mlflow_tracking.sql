-- MLflow-compatible tracking: experiments, runs, params, metrics, tags, dataset inputs.
-- One schema for H2 (PostgreSQL mode) and PostgreSQL. Times are epoch milliseconds (bigint), as
-- MLflow sends them. "key", "value" and "timestamp" are keywords in H2: always quote them.

create sequence mlflow_experiment_seq start with 1;

create table mlflow_experiments (
  id bigint primary key,
  -- the platform view's id (/api/intelligence/machine-learning/v1/experiments/{id})
  uid uuid not null unique,
  project_id uuid not null references projects (id),
  name varchar(500) not null,
  artifact_location varchar(1000) not null,
  lifecycle_stage varchar(20) not null,
  creation_time bigint not null,
  last_update_time bigint not null,
  constraint mlflow_experiments_name_unique unique (project_id, name)
);

create table mlflow_experiment_tags (
  experiment_id bigint not null references mlflow_experiments (id),
  "key" varchar(250) not null,
  "value" varchar(5000),
  primary key (experiment_id, "key")
);

-- run_uuid: 32 lowercase hex digits, a UUID without dashes (the platform view's run id).
create table mlflow_runs (
  run_uuid varchar(32) primary key,
  project_id uuid not null references projects (id),
  experiment_id bigint not null references mlflow_experiments (id),
  run_name varchar(250),
  user_id varchar(256),
  status varchar(20) not null,
  start_time bigint,
  end_time bigint,
  lifecycle_stage varchar(20) not null,
  artifact_uri varchar(1000) not null,
  deleted_time bigint
);

create index mlflow_runs_experiment on mlflow_runs (project_id, experiment_id, start_time);

create table mlflow_params (
  run_uuid varchar(32) not null references mlflow_runs (run_uuid),
  "key" varchar(250) not null,
  "value" varchar(6000) not null,
  primary key (run_uuid, "key")
);

-- Every logged value (the history).
create table mlflow_metrics (
  run_uuid varchar(32) not null references mlflow_runs (run_uuid),
  "key" varchar(250) not null,
  "value" double precision not null,
  "timestamp" bigint not null,
  step bigint not null
);

create index mlflow_metrics_run_key on mlflow_metrics (run_uuid, "key");

-- The latest value per run and key (largest step, then timestamp, then value), as MLflow shows.
create table mlflow_latest_metrics (
  run_uuid varchar(32) not null references mlflow_runs (run_uuid),
  "key" varchar(250) not null,
  "value" double precision not null,
  "timestamp" bigint not null,
  step bigint not null,
  primary key (run_uuid, "key")
);

create table mlflow_run_tags (
  run_uuid varchar(32) not null references mlflow_runs (run_uuid),
  "key" varchar(250) not null,
  "value" varchar(8000),
  primary key (run_uuid, "key")
);

-- Dataset inputs of a run (runs/log-inputs); tags are kept as JSON.
create table mlflow_run_inputs (
  run_uuid varchar(32) not null references mlflow_runs (run_uuid),
  name varchar(500) not null,
  digest varchar(36) not null,
  source_type varchar(36) not null,
  source varchar(8000) not null,
  dataset_schema varchar,
  profile varchar,
  input_tags varchar,
  primary key (run_uuid, name, digest)
);
