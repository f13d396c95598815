/** The scopes without which a HubSpot portal gives Trellis no custom objects (Enterprise only; consent grants them nowhere else). */
export const CUSTOM_OBJECT_SCOPES = ['crm.objects.custom.write', 'crm.schemas.custom.write'] as const;

/** Whether a connection may use custom objects: its granted scopes include both of them. */
export const customObjectsGranted = (scopes: readonly string[]): boolean => CUSTOM_OBJECT_SCOPES.every((s) => scopes.includes(s));
