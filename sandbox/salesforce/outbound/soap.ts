import { XMLParser } from 'fast-xml-parser';
import type { FieldValue } from '../schema/types';
import type { StoredRecord } from '../state';
import { escapeHtml as escapeXml } from '../view/html';

export const OUTBOUND_NAMESPACE = 'http://soap.sforce.com/2005/09/outbound';
export const ENTERPRISE_SOBJECT_NAMESPACE = 'urn:sobject.enterprise.soap.sforce.com';

export interface NotificationsMessage {
  organizationId: string;
  actionId: string;
  enterpriseUrl: string;
  partnerUrl: string;
  objectName: string;
  /** Fields sent besides Id, in the configured order. */
  fields: string[];
  notifications: Array<{ id: string; record: StoredRecord }>;
}

/**
 * The `notifications` request of the Outbound Messaging WSDL: SessionId is nil (the
 * emulated messages never send a session), each sObject is typed `sf:<Object>` in the
 * enterprise namespace, and null fields are left out.
 */
export function renderNotifications(message: NotificationsMessage): string {
  const notifications = message.notifications
    .map(({ id, record }) => {
      const fields = ['Id', ...message.fields.filter((f) => f !== 'Id')]
        .filter((name) => record[name] != null)
        .map((name) => `<sf:${name}>${escapeXml(soapValue(record[name]!))}</sf:${name}>`)
        .join('');
      return `<Notification><Id>${id}</Id><sObject xsi:type="sf:${message.objectName}" xmlns:sf="${ENTERPRISE_SOBJECT_NAMESPACE}">${fields}</sObject></Notification>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<soapenv:Body>' +
    `<notifications xmlns="${OUTBOUND_NAMESPACE}">` +
    `<OrganizationId>${message.organizationId}</OrganizationId>` +
    `<ActionId>${message.actionId}</ActionId>` +
    '<SessionId xsi:nil="true"/>' +
    `<EnterpriseUrl>${escapeXml(message.enterpriseUrl)}</EnterpriseUrl>` +
    `<PartnerUrl>${escapeXml(message.partnerUrl)}</PartnerUrl>` +
    notifications +
    '</notifications></soapenv:Body></soapenv:Envelope>'
  );
}

/** xsd:dateTime wants `Z`, where the REST API writes `+0000`. */
function soapValue(value: Exclude<FieldValue, null>): string {
  return typeof value === 'string' ? value.replace(/\.(\d{3})\+0000$/, '.$1Z') : String(value);
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true });

/** Only HTTP 200 carrying `<notificationsResponse><Ack>true</Ack>` counts; anything else is retried. */
export function isAcknowledged(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    const doc = parser.parse(body) as { Envelope?: { Body?: { notificationsResponse?: { Ack?: unknown } } } };
    return doc.Envelope?.Body?.notificationsResponse?.Ack === true;
  } catch {
    return false;
  }
}
