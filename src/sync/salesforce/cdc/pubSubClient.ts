import type PubSubApiClientType from 'salesforce-pubsub-api-client' with { 'resolution-mode': 'import' };

/**
 * The Pub/Sub API client (pozil's `salesforce-pubsub-api-client`). Its types are published as an
 * ES module while this code base compiles to CommonJS, so the types are imported as such and the
 * class is required from the package's CommonJS build — when first used, so that a process that
 * subscribes to nothing never loads gRPC and Avro.
 */
export type PubSubApiClient = PubSubApiClientType;
export type PubSubConfiguration = ConstructorParameters<typeof PubSubApiClientType>[0];
export type PubSubLogger = ConstructorParameters<typeof PubSubApiClientType>[1];

export function newPubSubClient(config: PubSubConfiguration, logger: PubSubLogger): PubSubApiClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: Client } = require('salesforce-pubsub-api-client') as { default: typeof PubSubApiClientType };
  return new Client(config, logger);
}
