import { htmlPage } from './layout';

/**
 * What a person who is not signed in (or whose session has ended) sees instead of a page:
 * signing in is finishing the CRM's install flow, which sets the settings session.
 */
export function signInPage(): string {
  return htmlPage(
    'Sign in to Trellis',
    `<section><h1>Sign in to Trellis</h1><p>Your session has expired or you have not signed in yet. Sign in through your CRM, then open this link again.</p>
<p><a class="button" href="/oauth/hubspot/install">Sign in with HubSpot</a> <a class="button secondary" href="/oauth/salesforce/install">Sign in with Salesforce</a></p></section>`,
  );
}
