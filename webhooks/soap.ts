import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';

const ENVELOPE = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

/** The acknowledgement the Outbound Messaging WSDL asks for; without it Salesforce retries. */
export const ACK = ENVELOPE('<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>');

const escape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
export const soapFault = (code: 'Client' | 'Server', message: string) =>
  ENVELOPE(`<soapenv:Fault><faultcode>soapenv:${code}</faultcode><faultstring>${escape(message)}</faultstring></soapenv:Fault>`);

const SObject = z.record(z.string(), z.unknown());
const Notifications = z.object({
  OrganizationId: z.string().min(15),
  ActionId: z.string().optional(),
  Notification: z.array(z.object({ Id: z.string().min(1), sObject: SObject })).min(1),
});

export interface OutboundNotification {
  id: string;
  objectType: string;
  fields: Record<string, string | null>;
}

export interface OutboundMessage {
  organizationId: string;
  notifications: OutboundNotification[];
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'Notification',
});

/** Parses a `notifications` SOAP request; throws with a readable message when it is not one. */
export function parseOutboundMessage(xml: string): OutboundMessage {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const doc = parser.parse(xml) as { Envelope?: { Body?: { notifications?: unknown } } };
  const parsed = Notifications.safeParse(doc.Envelope?.Body?.notifications);
  if (!parsed.success) throw new Error(`not an Outbound Messaging notifications request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return {
    organizationId: parsed.data.OrganizationId,
    notifications: parsed.data.Notification.map((n) => {
      const { '@type': type, ...rest } = n.sObject;
      const fields = Object.fromEntries(
        Object.entries(rest)
          .filter(([k]) => !k.startsWith('@'))
          .map(([k, v]) => [k, typeof v === 'string' ? v : null]),
      );
      return { id: n.Id, objectType: String(type ?? '').replace(/^\w+:/, ''), fields };
    }),
  };
}
