import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../api/config.ts';

describe('HTTP settings from the environment', () => {
  it('default to the loopback names plus the bind host, no proxy trust, 10 failed authentications a minute', () => {
    expect(readConfig({})).toMatchObject({ allowedHosts: ['localhost', '127.0.0.1', '[::1]'], trustProxy: false, authFailuresPerMin: 10 });
    expect(readConfig({ HOST: 'Tantu.LAN' }).allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]', 'tantu.lan']);
    expect(readConfig({ HOST: '::1' }).allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(readConfig({ HOST: 'fd00::5' }).allowedHosts).toContain('[fd00::5]');
  });

  it('read TANTU_ALLOWED_HOSTS, TANTU_TRUST_PROXY and TANTU_AUTH_FAILURES_PER_MIN', () => {
    expect(readConfig({ TANTU_ALLOWED_HOSTS: ' maps.example.org, 10.0.0.5 ,' }).allowedHosts).toEqual(['maps.example.org', '10.0.0.5']);
    expect(readConfig({ TANTU_TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(readConfig({ TANTU_TRUST_PROXY: 'yes' }).trustProxy).toBe(false);
    expect(readConfig({ TANTU_AUTH_FAILURES_PER_MIN: '3' }).authFailuresPerMin).toBe(3);
  });
});
