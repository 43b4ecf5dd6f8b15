-- English names beside the Chinese ones for every named feature table that lacked them, so the
-- English interface can name wetlands, protected areas, roads (and the expressway service areas
-- drawn from them), charging stations and substations. Nullable: imported data may have only
-- Chinese names (the interface then shows those); the demo county fills them
-- (data-pipeline/demo/names-en.ts); the OSM roads preset takes `name:en`.
ALTER TABLE wetlands ADD COLUMN name_en text;
ALTER TABLE protected_areas ADD COLUMN name_en text;
ALTER TABLE roads ADD COLUMN name_en text;
ALTER TABLE charging_stations ADD COLUMN name_en text;
ALTER TABLE substations ADD COLUMN name_en text;
