-- The alerts channel's name as Slack gave it at install ("#partner-alerts"), for people; its id stays what Trellis posts to.
ALTER TABLE slack_installations ADD COLUMN default_channel_name text;
