CREATE TABLE `account_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`school_name` text NOT NULL,
	`brin` text,
	`place_code` text,
	`contact_name` text NOT NULL,
	`email` text NOT NULL,
	`motivation` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`refusal_reason` text,
	`decided_by` text,
	`decided_at` text,
	`school_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`place_code`) REFERENCES `places`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_requests_status_idx` ON `account_requests` (`status`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`school_id` text,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_idx` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `assessor_crebos` (
	`assessor_id` text NOT NULL,
	`crebo_code` text NOT NULL,
	PRIMARY KEY(`assessor_id`, `crebo_code`),
	FOREIGN KEY (`assessor_id`) REFERENCES `assessors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`crebo_code`) REFERENCES `crebos`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessor_crebos_crebo_idx` ON `assessor_crebos` (`crebo_code`,`assessor_id`);--> statement-breakpoint
CREATE TABLE `assessor_places` (
	`assessor_id` text NOT NULL,
	`place_code` text NOT NULL,
	`province` text NOT NULL,
	PRIMARY KEY(`assessor_id`, `place_code`),
	FOREIGN KEY (`assessor_id`) REFERENCES `assessors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`place_code`) REFERENCES `places`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessor_places_place_idx` ON `assessor_places` (`place_code`,`assessor_id`);--> statement-breakpoint
CREATE INDEX `assessor_places_province_idx` ON `assessor_places` (`province`,`assessor_id`);--> statement-breakpoint
CREATE TABLE `assessor_schools` (
	`assessor_id` text NOT NULL,
	`school_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`linked_by` text,
	PRIMARY KEY(`assessor_id`, `school_id`),
	FOREIGN KEY (`assessor_id`) REFERENCES `assessors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`linked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessor_schools_school_idx` ON `assessor_schools` (`school_id`,`assessor_id`);--> statement-breakpoint
CREATE TABLE `assessors` (
	`id` text PRIMARY KEY NOT NULL,
	`first_name` text NOT NULL,
	`infix` text DEFAULT '' NOT NULL,
	`last_name` text NOT NULL,
	`email` text,
	`email_norm` text,
	`phone` text DEFAULT '' NOT NULL,
	`organisation` text DEFAULT '' NOT NULL,
	`initial_training_date` text NOT NULL,
	`initial_training_provider` text NOT NULL,
	`initial_training_components` text NOT NULL,
	`public_consent` integer DEFAULT false NOT NULL,
	`deregistered_on` text,
	`deregistration_reason` text,
	`registering_school_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	`erased_at` text,
	`demo` integer DEFAULT false NOT NULL,
	`last_examination_date` text,
	`last_refresher_date` text,
	`exam_valid_until` text NOT NULL,
	`refresher_valid_until` text NOT NULL,
	`valid_until` text NOT NULL,
	`public_eligible` integer DEFAULT false NOT NULL,
	`sort_key` text NOT NULL,
	`name_words` text NOT NULL,
	`search_text` text NOT NULL,
	`fts_rowid` integer,
	FOREIGN KEY (`registering_school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessors_email_idx` ON `assessors` (`email_norm`);--> statement-breakpoint
CREATE INDEX `assessors_public_idx` ON `assessors` (`public_eligible`,`valid_until`,`sort_key`);--> statement-breakpoint
CREATE INDEX `assessors_sort_idx` ON `assessors` (`sort_key`);--> statement-breakpoint
CREATE INDEX `assessors_valid_until_idx` ON `assessors` (`valid_until`);--> statement-breakpoint
CREATE INDEX `assessors_registering_school_idx` ON `assessors` (`registering_school_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`actor_user_id` text,
	`school_id` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`changes` text DEFAULT '{}' NOT NULL,
	`request_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_school_idx` ON `audit_log` (`school_id`);--> statement-breakpoint
CREATE TABLE `consent_events` (
	`id` text PRIMARY KEY NOT NULL,
	`assessor_id` text NOT NULL,
	`given` integer NOT NULL,
	`text_version` text NOT NULL,
	`school_id` text,
	`user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`assessor_id`) REFERENCES `assessors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consent_events_assessor_idx` ON `consent_events` (`assessor_id`);--> statement-breakpoint
CREATE TABLE `crebos` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` integer,
	`sector` text DEFAULT '' NOT NULL,
	`mei` integer DEFAULT false NOT NULL,
	`retired_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text
);
--> statement-breakpoint
CREATE INDEX `crebos_mei_idx` ON `crebos` (`mei`);--> statement-breakpoint
CREATE TABLE `examinations` (
	`id` text PRIMARY KEY NOT NULL,
	`assessor_id` text NOT NULL,
	`date` text NOT NULL,
	`crebo_code` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`school_id` text NOT NULL,
	`user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`assessor_id`) REFERENCES `assessors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`crebo_code`) REFERENCES `crebos`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `examinations_assessor_idx` ON `examinations` (`assessor_id`,`date`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`school_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`school_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `invites` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`token_hash` text NOT NULL,
	`email` text NOT NULL,
	`role` text,
	`school_id` text,
	`user_id` text,
	`invited_by` text,
	`expires_at` text NOT NULL,
	`used_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_hash_idx` ON `invites` (`token_hash`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `municipalities` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`province` text NOT NULL,
	FOREIGN KEY (`province`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `municipalities_province_idx` ON `municipalities` (`province`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`kind` text DEFAULT 'general' NOT NULL,
	`dedupe_key` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_idx` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE TABLE `places` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_norm` text NOT NULL,
	`municipality_code` text NOT NULL,
	`municipality` text NOT NULL,
	`province` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipalities`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `places_province_idx` ON `places` (`province`,`name_norm`);--> statement-breakpoint
CREATE INDEX `places_name_idx` ON `places` (`name_norm`);--> statement-breakpoint
CREATE TABLE `provinces` (
	`code` text PRIMARY KEY NOT NULL,
	`iso` text NOT NULL,
	`name` text NOT NULL,
	`cbs_code` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `refresher_trainings` (
	`id` text PRIMARY KEY NOT NULL,
	`assessor_id` text NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`provider` text DEFAULT '' NOT NULL,
	`school_id` text NOT NULL,
	`user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`assessor_id`) REFERENCES `assessors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refresher_trainings_assessor_idx` ON `refresher_trainings` (`assessor_id`,`date`);--> statement-breakpoint
CREATE TABLE `schools` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`brin` text,
	`place_code` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`suspended_at` text,
	FOREIGN KEY (`place_code`) REFERENCES `places`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `throttle_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `throttle_events_key_idx` ON `throttle_events` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`school_id` text,
	`disabled_at` text,
	`password_changed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_idx` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_school_idx` ON `users` (`school_id`);