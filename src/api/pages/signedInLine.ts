import { signedInLineOf, type SignedIn } from '../../install/session';
import { approvalInbox } from '../../usecases/approvalInbox';
import type { InstallDeps } from '../oauth/router';
import type { SignedInLine } from './layout';

/** The header line of a signed-in page, with the count of the person's approval inbox for its navigation. */
export async function signedInLineWithInbox(deps: InstallDeps, session: SignedIn): Promise<SignedInLine> {
  const { waitingCount } = await approvalInbox(deps, session.actor);
  return { ...signedInLineOf(deps.install.signingSecret, session), inboxCount: waitingCount };
}
