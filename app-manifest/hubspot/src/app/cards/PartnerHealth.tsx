import { hubspot } from '@hubspot/ui-extensions';
// The card source is shared with the preview and its tests; copy extensions/hubspot/src next to this file before `hs project upload`.
import { PartnerHealthCard } from '../../../../../extensions/hubspot/src/PartnerHealthCard.js';

hubspot.extend<'crm.record.tab'>(() => <PartnerHealthCard />);
