-- 4-digit postcodes (4pp, 2014) with a centroid and their woonplaats, for searches near a postcode;
-- and an index on the place coordinates, so a search around a point reads a bounding box.
CREATE TABLE `postcodes` (
	`pc4` text PRIMARY KEY NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`place_code` text NOT NULL,
	FOREIGN KEY (`place_code`) REFERENCES `places`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `postcodes_place_idx` ON `postcodes` (`place_code`);
--> statement-breakpoint
CREATE INDEX `places_lat_lon_idx` ON `places` (`lat`,`lon`);
