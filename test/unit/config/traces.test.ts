import { ConfigError, loadConfig } from '../../../src/config';

describe('trace settings', () => {
  it('are off without an OTLP endpoint, and when the SDK is switched off', () => {
    expect(loadConfig({}).traces).toBeNull();
    expect(loadConfig({ OTEL_SERVICE_NAME: 'trellis-eu' }).traces).toBeNull();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).traces).toBeNull();
  });

  it('export to the endpoint\'s /v1/traces, or to the traces endpoint as given, which wins', () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).traces).toEqual({ url: 'http://collector:4318/v1/traces', serviceName: 'trellis', headers: {} });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otlp.example.com/traces' }).traces?.url).toBe('https://otlp.example.com/traces');
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otlp.example.com/traces', OTEL_SERVICE_NAME: 'trellis-eu' }).traces?.serviceName).toBe('trellis-eu');
  });

  it('send the configured headers, values URL-decoded', () => {
    const traces = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://api.honeycomb.io', OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=abc%3D%3D, x-honeycomb-dataset = trellis' }).traces;
    expect(traces?.headers).toEqual({ 'x-honeycomb-team': 'abc==', 'x-honeycomb-dataset': 'trellis' });
  });

  it('refuse a protocol Trellis does not send, a malformed endpoint or headers, naming the variable', () => {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL: must be http\/json/);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).traces).not.toBeNull();
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_HEADERS: 'api-key' })).toThrow(ConfigError);
  });
});
