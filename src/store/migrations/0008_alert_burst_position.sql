-- How deep into its burst an alert was when it was raised, fixed at creation while alerts of its
-- kind are created one at a time, so concurrent workers agree on which alerts are posted alone.
ALTER TABLE alerts ADD COLUMN burst_position integer;
