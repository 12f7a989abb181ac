import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, publicBaseUrl, readSettings, SettingsError } from '../../infra/settings.js';

describe('settings from the environment', () => {
  it('defaults to the local servers the project starts itself', () => {
    const settings = readSettings({});
    expect(settings.neo4j).toEqual({
      uri: 'bolt://127.0.0.1:7687',
      user: 'neo4j',
      password: 'diffo-dev-password',
      database: 'neo4j',
      browserUrl: 'http://127.0.0.1:7474/browser/',
      external: false,
    });
    expect(settings.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      uiUrl: 'http://127.0.0.1:8233',
      taskQueue: 'diffo-reconcile',
      external: false,
    });
    expect(settings.toolsDir).toBe(path.join(projectRoot, '.tools'));
    expect(settings.dataDir).toBe(path.join(projectRoot, '.data'));
  });

  it('marks servers named by NEO4J_URI / TEMPORAL_ADDRESS as external', () => {
    const settings = readSettings({
      NEO4J_URI: 'neo4j+s://db.example:7687',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      DIFFO_DATA_DIR: '/var/lib/diffo',
    });
    expect(settings.neo4j).toMatchObject({ uri: 'neo4j+s://db.example:7687', external: true });
    expect(settings.temporal).toMatchObject({ address: 'temporal.internal:7233', external: true });
    expect(settings.dataDir).toBe('/var/lib/diffo');
  });

  it('treats empty variables as unset', () => {
    expect(readSettings({ NEO4J_URI: '', TEMPORAL_ADDRESS: '' }).neo4j.external).toBe(false);
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      readSettings({ NEO4J_URI: 'http://localhost:7474', NEO4J_PASSWORD: 'short', TEMPORAL_ADDRESS: 'no-port' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).problems).toEqual([
      'NEO4J_URI: expected a bolt:// or neo4j:// URI, e.g. bolt://127.0.0.1:7687',
      'NEO4J_PASSWORD: Neo4j 5 needs a password of at least 8 characters',
      'TEMPORAL_ADDRESS: expected host:port, e.g. 127.0.0.1:7233',
    ]);
  });

  it('takes the public URL of hrefs from DIFFO_PUBLIC_URL, else where the API listens', () => {
    expect(readSettings({ DIFFO_PUBLIC_URL: 'https://inventory.example.com/diffo/' }).api.publicUrl).toBe(
      'https://inventory.example.com/diffo',
    );
    expect(publicBaseUrl(readSettings({ DIFFO_PUBLIC_URL: 'https://inventory.example.com' }).api)).toBe(
      'https://inventory.example.com',
    );
    expect(publicBaseUrl(readSettings({ DIFFO_API_HOST: '10.0.0.5', DIFFO_API_PORT: '9090' }).api)).toBe(
      'http://10.0.0.5:9090',
    );
    expect(publicBaseUrl(readSettings({ DIFFO_API_HOST: '::1' }).api)).toBe('http://[::1]:8080');
    for (const bad of ['inventory.example.com', 'ftp://inventory.example.com', 'https://inventory.example.com/?a=1']) {
      expect(() => readSettings({ DIFFO_PUBLIC_URL: bad }), bad).toThrow(
        /^invalid environment: DIFFO_PUBLIC_URL: expected/,
      );
    }
  });

  it('takes how long a TMF write waits for the engine from DIFFO_WRITE_WAIT_MS: whole milliseconds, at most ten minutes', () => {
    expect(readSettings({}).api.writeWaitMs).toBe(5000);
    expect(readSettings({ DIFFO_WRITE_WAIT_MS: '0' }).api.writeWaitMs).toBe(0);
    expect(readSettings({ DIFFO_WRITE_WAIT_MS: '1500' }).api.writeWaitMs).toBe(1500);
    for (const [bad, why] of [
      ['-1', 'expected a whole number of milliseconds'],
      ['1.5', 'expected a whole number of milliseconds'],
      ['700000', 'at most 600000'],
      ['soon', 'expected a whole number of milliseconds'],
    ]) {
      expect(() => readSettings({ DIFFO_WRITE_WAIT_MS: bad }), bad).toThrow(`DIFFO_WRITE_WAIT_MS: ${why}`);
    }
  });

  it('takes the log level from DIFFO_LOG_LEVEL and the worker port from DIFFO_WORKER_HOST / DIFFO_WORKER_PORT', () => {
    expect(readSettings({})).toMatchObject({ logLevel: 'info', worker: { host: '127.0.0.1', port: 9464 } });
    expect(
      readSettings({ DIFFO_LOG_LEVEL: 'debug', DIFFO_WORKER_HOST: '0.0.0.0', DIFFO_WORKER_PORT: '0' }),
    ).toMatchObject({ logLevel: 'debug', worker: { host: '0.0.0.0', port: 0 } });
    expect(() => readSettings({ DIFFO_LOG_LEVEL: 'verbose' })).toThrow(/^invalid environment: DIFFO_LOG_LEVEL: /);
    expect(() => readSettings({ DIFFO_WORKER_PORT: '70000' })).toThrow(/^invalid environment: DIFFO_WORKER_PORT: /);
  });
});
