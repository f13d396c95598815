import { escapeHtml, htmlPage } from './layout';

/**
 * What a person who is not signed in (or whose session has ended) sees instead of a page:
 * signing in is finishing the CRM's install flow, which sets the settings session and comes
 * back to `returnTo`.
 */
export function signInPage(returnTo?: string): string {
  const back = returnTo ? `?return=${encodeURIComponent(returnTo)}` : '';
  return htmlPage(
    'Sign in to Trellis',
    `<section><h1>Sign in to Trellis</h1><p>Your session has expired or you have not signed in yet. Sign in through your CRM and you come back here.</p>
<p><a class="button" href="/oauth/hubspot/install${escapeHtml(back)}">Sign in with HubSpot</a> <a class="button secondary" href="/oauth/salesforce/install${escapeHtml(back)}">Sign in with Salesforce</a></p></section>`,
  );
}
