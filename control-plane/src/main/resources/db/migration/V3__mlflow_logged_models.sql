-- MLflow 3 logged models: the model row (model_id, the MLflow id, is 'm-' + the 32 hex digits of
-- id, which the platform view shows as a UUID), what
-- its MLmodel file says (kind, schema, input example as a V2 inference request), tags, params
-- and the runs whose outputs it is. Times are epoch milliseconds, as MLflow sends them.

create table mlflow_logged_models (
  id uuid primary key,
  model_id varchar(34) not null unique,
  project_id uuid not null references projects (id),
  experiment_id bigint not null references mlflow_experiments (id),
  name varchar(500) not null,
  source_run_id varchar(32),
  model_type varchar(500),
  -- mlflow-artifacts:/<experiment_id>/models/m-<hex>/artifacts, or a run's artifact
  -- sub-directory for models logged the older way (MLmodel uploaded into a run)
  artifact_location varchar(1000) not null,
  status varchar(20) not null,
  status_message varchar(4000),
  kind varchar(20) not null,
  flavors varchar,
  schema_input varchar,
  schema_output varchar,
  input_example varchar,
  model_size bigint,
  creation_time bigint not null,
  last_updated_time bigint not null
);

create index mlflow_logged_models_project on mlflow_logged_models (project_id, creation_time, id);
create index mlflow_logged_models_location on mlflow_logged_models (project_id, artifact_location);

create table mlflow_logged_model_tags (
  model_id uuid not null references mlflow_logged_models (id) on delete cascade,
  tag_key varchar(250) not null,
  tag_value varchar(8000),
  primary key (model_id, tag_key)
);

create table mlflow_logged_model_params (
  model_id uuid not null references mlflow_logged_models (id) on delete cascade,
  param_key varchar(250) not null,
  param_value varchar(8000) not null,
  primary key (model_id, param_key)
);

-- runs/outputs: the models a run produced, at a step.
create table mlflow_run_model_outputs (
  run_uuid varchar(32) not null references mlflow_runs (run_uuid),
  model_id uuid not null references mlflow_logged_models (id) on delete cascade,
  project_id uuid not null references projects (id),
  step bigint not null,
  primary key (run_uuid, model_id)
);
