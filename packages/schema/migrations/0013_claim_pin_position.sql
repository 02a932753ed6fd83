-- Pins get a place in the claim's reference list (issue #15: references came out in an order the
-- writer never chose and could not change). Existing pins keep the order they were pinned in.
ALTER TABLE `claim_pins` ADD `position` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `claim_pins` SET `position` = (
  SELECT count(*) FROM `claim_pins` AS `earlier`
  WHERE `earlier`.`claim_id` = `claim_pins`.`claim_id`
    AND (`earlier`.`pinned_at` < `claim_pins`.`pinned_at` OR (`earlier`.`pinned_at` = `claim_pins`.`pinned_at` AND `earlier`.`pmid` <= `claim_pins`.`pmid`))
);
