import type { CrmWeb } from '../../domain/crmRecordUrl';
import type { Tenant } from '../../store/tenants';
import type { SignedInLine } from '../pages/layout';
import type { DrillDown } from '../dashboard/drillDown';
import type { Actor, Deps } from '../../usecases/context';

/** What a record page is drawn with: the store, where CRM records open, and the signed-in tenant every query is scoped to. */
export interface RecordPageContext {
  deps: Deps;
  web: CrmWeb;
  tenant: Tenant;
  /** The signed-in user reading the page. */
  actor: Actor;
  /** Who they are, for the page's header. */
  signedIn: SignedInLine;
  /** The dashboard's filters the page was opened with (a chart's drill-down), to narrow its figures and pass on. */
  drillDown: DrillDown;
}
