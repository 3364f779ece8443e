-- Model deployments (document section 8): a logged model served by the model server image. Each
-- rollout is a revision (r1, r2, ...) run as its own workload; running_workload takes inference,
-- next_workload is the one starting. tags is a JSON object of key to value.

create table ml_deployments (
  id uuid primary key,
  organization_id uuid not null references organizations (id),
  project_id uuid not null references projects (id),
  user_id uuid not null,
  name varchar(200) not null,
  description varchar(2000) not null,
  model_kind varchar(40) not null,
  model_id uuid not null,
  serving_size varchar(40) not null,
  serving_gpu varchar(40),
  tags varchar not null,
  status varchar(20) not null,
  state varchar(10),
  provider varchar(100),
  error_code varchar(100),
  state_message varchar(8000),
  running_revision integer,
  next_revision integer,
  running_workload uuid,
  next_workload uuid,
  running_model_id uuid,
  token_id uuid,
  sealed_token varchar(1000),
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null
);

create unique index ml_deployments_project_name on ml_deployments (project_id, name);
create index ml_deployments_project_created on ml_deployments (project_id, created_at);
