/**
 * The pages a person opens for a Trellis record (alerts and pages link here): server-rendered
 * behind a signed-in user's session, where the `/api/v1` paths would answer a browser with a 401.
 */
export const recordPaths = {
  registration: (id: string) => `/registrations/${encodeURIComponent(id)}`,
  conflict: (id: string) => `/conflicts/${encodeURIComponent(id)}`,
  partner: (id: string) => `/partners/${encodeURIComponent(id)}`,
};
