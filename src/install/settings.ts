import type { Config, OidcSettings } from '../config';

/** What the install flows need from the configuration. */
export interface InstallSettings {
  publicUrl: string;
  signingSecret: string;
  hubspot: Config['hubspot'];
  salesforce: Omit<Config['salesforce'], 'packageNamespace'>;
  slack: Config['slack'];
}

export const callbackUrl = (settings: Pick<InstallSettings, 'publicUrl'>, provider: 'hubspot' | 'salesforce' | 'slack') =>
  `${settings.publicUrl.replace(/\/$/, '')}/oauth/${provider}/callback`;

/** Where a sign-in comes back to; registered with each provider beside the install callback. */
export const signInCallbackUrl = (settings: Pick<InstallSettings, 'publicUrl'>, provider: 'hubspot' | 'salesforce' | 'oidc') =>
  `${settings.publicUrl.replace(/\/$/, '')}/signin/${provider}/callback`;

/** The provider answered, but not with a usable grant (bad code, wrong client secret, missing data). */
export class InstallFailed extends Error {}

/** Ask a provider, turning any failure into one an admin can read; the cause is kept for the log. */
export async function askProvider<T>(provider: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new InstallFailed(`${provider} did not accept the authorization. Start the installation again.`, { cause: err });
  }
}

/** How people sign in beyond HubSpot and Salesforce. */
export interface SignInSettings {
  oidc: OidcSettings | null;
  /** The sandbox only: one click signs in as any user of any workspace. */
  demoUsers: boolean;
}
