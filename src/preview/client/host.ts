/** What the preview page hands the cards: the record being viewed and the signed-in HubSpot user. */
export interface PreviewHost {
  record: {
    objectTypeId: string;
    objectId: string;
    properties: Record<string, string | null>;
    associations: Record<string, { id: string; properties: Record<string, string | null> }[]>;
  };
  user: { id: number; email: string; firstName: string; lastName: string };
  portal: { id: number; timezone: string };
}

export const previewHost = (): PreviewHost => (window as unknown as { __TRELLIS_PREVIEW__: PreviewHost }).__TRELLIS_PREVIEW__;
