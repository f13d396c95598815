// Lightning Experience renders components in synthetic shadow DOM, which lets the page's SLDS styles reach into them.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import TrellisCoSell from 'c/trellisCoSell';
import TrellisDealRegistration from 'c/trellisDealRegistration';
import TrellisPartnerHealth from 'c/trellisPartnerHealth';
import { previewHost } from './host.js';

const COMPONENTS = {
    'c-trellis-co-sell': TrellisCoSell,
    'c-trellis-deal-registration': TrellisDealRegistration,
    'c-trellis-partner-health': TrellisPartnerHealth
};

/** The component sources, unchanged, placed in the page's regions with the record page's context. */
const { recordId, objectApiName } = previewHost();
document.querySelectorAll('[data-component]').forEach((region) => {
    const tag = region.dataset.component;
    const element = createElement(tag, { is: COMPONENTS[tag] });
    // A record page sets these on the components that declare them.
    if ('recordId' in element) element.recordId = recordId;
    if ('objectApiName' in element) element.objectApiName = objectApiName;
    region.appendChild(element);
});
