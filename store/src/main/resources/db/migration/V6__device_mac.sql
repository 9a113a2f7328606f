-- A device's MAC address, where its vendor's protocol registers one (a Hemu camera's deviceMacAddress):
-- the enterprise stream's "mac". NULL for devices that never said.

ALTER TABLE device ADD COLUMN mac TEXT NULL;
