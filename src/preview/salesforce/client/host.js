/** What the preview page hands the components: the org, the record on the page, and the running user. */
export const previewHost = () => window.__TRELLIS_SALESFORCE_PREVIEW__;
