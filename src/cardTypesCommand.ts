import { writeFileSync } from 'node:fs';
import { CARD_REPLY_TYPES_FILE, cardReplyTypes } from './api/cards/replyTypes';

/** Writes the HubSpot cards' reply types from the card routes' response schemas. */
void cardReplyTypes().then((source) => {
  writeFileSync(CARD_REPLY_TYPES_FILE, source);
  console.log(`Card reply types written to ${CARD_REPLY_TYPES_FILE}`);
});
