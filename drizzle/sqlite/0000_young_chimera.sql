CREATE TABLE `agent_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agent_groups_ws_idx` ON `agent_groups` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`agent_group_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`disabled_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_group_id`) REFERENCES `agent_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "agents_status_check" CHECK(status IN ('active','disabled'))
);
--> statement-breakpoint
CREATE INDEX `agents_group_idx` ON `agents` (`agent_group_id`);--> statement-breakpoint
CREATE INDEX `agents_org_idx` ON `agents` (`org_id`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`last4` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_agent_idx` ON `api_keys` (`agent_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`details` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_org_created_idx` ON `audit_log` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`low_balance_micro` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_accounts_org_id_unique` ON `billing_accounts` (`org_id`);--> statement-breakpoint
CREATE TABLE `budgets` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`scope` text NOT NULL,
	`target_id` text NOT NULL,
	`workspace_id` text,
	`agent_group_id` text,
	`agent_id` text,
	`period` text NOT NULL,
	`limit_micro` integer NOT NULL,
	`auto_disable` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_group_id`) REFERENCES `agent_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "budgets_one_target" CHECK((
  (scope = 'org' AND target_id = org_id AND workspace_id IS NULL AND agent_group_id IS NULL AND agent_id IS NULL) OR
  (scope = 'workspace' AND target_id = workspace_id AND agent_group_id IS NULL AND agent_id IS NULL) OR
  (scope = 'group' AND target_id = agent_group_id AND workspace_id IS NULL AND agent_id IS NULL) OR
  (scope = 'agent' AND target_id = agent_id AND workspace_id IS NULL AND agent_group_id IS NULL)
)),
	CONSTRAINT "budgets_limit_positive" CHECK(limit_micro > 0),
	CONSTRAINT "budgets_period_check" CHECK(period IN ('DAILY','MONTHLY','TOTAL'))
);
--> statement-breakpoint
CREATE INDEX `budgets_org_idx` ON `budgets` (`org_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `budgets_target_period_idx` ON `budgets` (`scope`,`target_id`,`period`);--> statement-breakpoint
CREATE TABLE `invites` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`invited_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`accepted_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_org_email_idx` ON `invites` (`org_id`,`email`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_micro` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`workspace_id` text,
	`agent_group_id` text,
	`agent_id` text,
	`request_id` text,
	`actor_user_id` text,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_kind_check" CHECK(kind IN ('purchase','charge','refund','adjustment'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_idempotency_key_unique` ON `ledger_entries` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `ledger_org_created_idx` ON `ledger_entries` (`org_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ledger_agent_idx` ON `ledger_entries` (`agent_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `user_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "memberships_role_check" CHECK(role IN ('viewer','member','admin','owner'))
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `org_balances` (
	`org_id` text PRIMARY KEY NOT NULL,
	`balance_micro` integer NOT NULL,
	`entries` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `policies` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`scope` text NOT NULL,
	`target_id` text NOT NULL,
	`workspace_id` text,
	`agent_group_id` text,
	`agent_id` text,
	`allowed_models` text,
	`max_tokens_per_request` integer,
	`max_tokens_mode` text DEFAULT 'reject' NOT NULL,
	`rpm` integer,
	`tpm` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_group_id`) REFERENCES `agent_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "policies_one_target" CHECK((
  (scope = 'org' AND target_id = org_id AND workspace_id IS NULL AND agent_group_id IS NULL AND agent_id IS NULL) OR
  (scope = 'workspace' AND target_id = workspace_id AND agent_group_id IS NULL AND agent_id IS NULL) OR
  (scope = 'group' AND target_id = agent_group_id AND workspace_id IS NULL AND agent_id IS NULL) OR
  (scope = 'agent' AND target_id = agent_id AND workspace_id IS NULL AND agent_group_id IS NULL)
))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policies_target_idx` ON `policies` (`scope`,`target_id`);--> statement-breakpoint
CREATE TABLE `pricing` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text DEFAULT '' NOT NULL,
	`model_pattern` text NOT NULL,
	`provider` text NOT NULL,
	`input_micro_usd_per_mtok` integer NOT NULL,
	`output_micro_usd_per_mtok` integer NOT NULL,
	`max_output_tokens` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pricing_org_pattern_idx` ON `pricing` (`org_id`,`model_pattern`);--> statement-breakpoint
CREATE TABLE `provider_credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`provider` text NOT NULL,
	`label` text NOT NULL,
	`base_url` text,
	`secret_ciphertext` text NOT NULL,
	`secret_last4` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `provider_credentials_org_idx` ON `provider_credentials` (`org_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`org_id` text DEFAULT '' NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `spend_rollups` (
	`org_id` text NOT NULL,
	`scope` text NOT NULL,
	`target_id` text NOT NULL,
	`period` text NOT NULL,
	`period_start` integer NOT NULL,
	`spent_micro` integer NOT NULL,
	`charges` integer NOT NULL,
	PRIMARY KEY(`scope`, `target_id`, `period`, `period_start`),
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `spend_rollups_org_idx` ON `spend_rollups` (`org_id`,`period`,`period_start`);--> statement-breakpoint
CREATE TABLE `usage_events` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`request_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`agent_group_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`api_key_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`model` text NOT NULL,
	`provider` text NOT NULL,
	`status` integer NOT NULL,
	`error_code` text,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`cost_micro` integer NOT NULL,
	`estimated` integer DEFAULT false NOT NULL,
	`credential_source` text NOT NULL,
	`latency_ms` integer NOT NULL,
	`ttft_ms` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_events_request_id_unique` ON `usage_events` (`request_id`);--> statement-breakpoint
CREATE INDEX `usage_org_created_idx` ON `usage_events` (`org_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `usage_agent_created_idx` ON `usage_events` (`agent_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `usage_model_rollups` (
	`org_id` text NOT NULL,
	`grain` text NOT NULL,
	`bucket_start` integer NOT NULL,
	`workspace_id` text NOT NULL,
	`agent_group_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`model` text NOT NULL,
	`requests` integer NOT NULL,
	`errors` integer NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`cost_micro` integer NOT NULL,
	PRIMARY KEY(`org_id`, `grain`, `bucket_start`, `agent_id`, `model`, `workspace_id`, `agent_group_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "usage_model_rollups_grain_check" CHECK(grain IN ('hour','day'))
);
--> statement-breakpoint
CREATE INDEX `usage_model_rollups_cover_idx` ON `usage_model_rollups` (`org_id`,`grain`,`bucket_start`,`model`,`requests`,`errors`,`cost_micro`,`input_tokens`,`output_tokens`,`agent_id`,`workspace_id`,`agent_group_id`);--> statement-breakpoint
CREATE TABLE `usage_org_rollups` (
	`org_id` text NOT NULL,
	`grain` text NOT NULL,
	`bucket_start` integer NOT NULL,
	`requests` integer NOT NULL,
	`errors` integer NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`cost_micro` integer NOT NULL,
	`latency_hist` text NOT NULL,
	`ttft_hist` text NOT NULL,
	PRIMARY KEY(`org_id`, `grain`, `bucket_start`),
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "usage_org_rollups_grain_check" CHECK(grain IN ('hour','day'))
);
--> statement-breakpoint
CREATE TABLE `usage_rollups` (
	`org_id` text NOT NULL,
	`grain` text NOT NULL,
	`bucket_start` integer NOT NULL,
	`workspace_id` text NOT NULL,
	`agent_group_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`requests` integer NOT NULL,
	`errors` integer NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`cost_micro` integer NOT NULL,
	`latency_hist` text NOT NULL,
	`ttft_hist` text NOT NULL,
	PRIMARY KEY(`org_id`, `grain`, `bucket_start`, `agent_id`, `workspace_id`, `agent_group_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "usage_rollups_grain_check" CHECK(grain IN ('hour','day'))
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `workspaces_org_idx` ON `workspaces` (`org_id`);