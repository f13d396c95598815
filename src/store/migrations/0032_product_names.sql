-- The products of a registration as people wrote them ("Analytics Suite"), for showing; `products`
-- keeps the lower-cased match keys the candidate search compares. Null on registrations made
-- before names were kept: those show their keys.
ALTER TABLE deal_registrations ADD COLUMN product_names text[];
