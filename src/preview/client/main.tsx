import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { CoSellCard } from '../../../extensions/hubspot/src/CoSellCard.js';
import { DealRegistrationCard } from '../../../extensions/hubspot/src/DealRegistrationCard.js';
import { PartnerHealthCard } from '../../../extensions/hubspot/src/PartnerHealthCard.js';

/** The card sources, unchanged, mounted into the sidebar slots the page rendered. */
const CARDS: Record<string, ComponentType> = { 'deal-registration': DealRegistrationCard, 'co-sell': CoSellCard, 'partner-health': PartnerHealthCard };

document.querySelectorAll<HTMLElement>('[data-card]').forEach((slot) => {
  const Card = CARDS[slot.dataset.card ?? ''];
  if (Card) {
    createRoot(slot).render(
      <StrictMode>
        <Card />
      </StrictMode>,
    );
  }
});
