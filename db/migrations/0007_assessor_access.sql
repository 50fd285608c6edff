-- The assessor's own access (DESIGN §3) and the schools' public contact (DESIGN §4/§5):
-- consent events learn who gave or withdrew consent (a school or the assessor), personal links to
-- /mijn-gegevens are stored hashed, "Meld een fout" reports land in the registering school's list.
ALTER TABLE `consent_events` ADD `source` text DEFAULT 'school' NOT NULL;
--> statement-breakpoint
ALTER TABLE `schools` ADD `website` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `schools` ADD `contact_email` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `schools` ADD `contact_phone` text DEFAULT '' NOT NULL;
--> statement-breakpoint
CREATE TABLE `assessor_access_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`assessor_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`assessor_id`) REFERENCES `assessors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessor_access_tokens_hash_idx` ON `assessor_access_tokens` (`token_hash`);
--> statement-breakpoint
CREATE INDEX `assessor_access_tokens_assessor_idx` ON `assessor_access_tokens` (`assessor_id`);
--> statement-breakpoint
CREATE TABLE `assessor_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`assessor_id` text NOT NULL,
	`school_id` text NOT NULL,
	`source` text NOT NULL,
	`message` text NOT NULL,
	`reply_to` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`closed_at` text,
	`closed_by` text,
	FOREIGN KEY (`assessor_id`) REFERENCES `assessors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessor_reports_school_idx` ON `assessor_reports` (`school_id`,`status`,`created_at`);
--> statement-breakpoint
CREATE INDEX `assessor_reports_assessor_idx` ON `assessor_reports` (`assessor_id`);
