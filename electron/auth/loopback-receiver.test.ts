import { request } from 'node:http';

import { describe, expect, it } from 'vitest';

import { startLoopbackReceiver } from './loopback-receiver';

describe('loopback receiver', () => {
  it('listens on 127.0.0.1 on an ephemeral port, answers only GET /callback, and closes', async () => {
    const seen: string[] = [];
    const started = await startLoopbackReceiver((url) => {
      seen.push(url);
      return { accepted: true, message: 'Got it.' };
    });
    if (!started.ok) throw new Error(started.error);
    const receiver = started.value;
    expect(receiver.port).toBeGreaterThan(0);
    expect(receiver.redirectUri).toBe(`http://127.0.0.1:${receiver.port}/callback`);

    expect((await fetch(`http://127.0.0.1:${receiver.port}/favicon.ico`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${receiver.port}/callback`, { method: 'POST' })).status).toBe(404);
    const page = await fetch(`http://127.0.0.1:${receiver.port}/callback?code=a&state=b`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('Got it. You can close this window.');
    expect(seen).toEqual([`http://127.0.0.1:${receiver.port}/callback?code=a&state=b`]);

    await receiver.close();
    await expect(fetch(`http://127.0.0.1:${receiver.port}/callback`)).rejects.toThrow();
  });

  it('is not reachable on other interfaces', async () => {
    const started = await startLoopbackReceiver(() => ({ accepted: false, message: 'x' }));
    if (!started.ok) throw new Error(started.error);
    const viaOther = await new Promise<string>((resolve) => {
      const req = request({ host: '::1', port: started.value.port, path: '/callback', family: 6 }, () => resolve('connected'));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.end();
    });
    expect(viaOther).not.toBe('connected');
    await started.value.close();
  });

  it('escapes the message in the page', async () => {
    const started = await startLoopbackReceiver(() => ({ accepted: false, message: '<script>x</script>' }));
    if (!started.ok) throw new Error(started.error);
    const page = await fetch(`http://127.0.0.1:${started.value.port}/callback`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('&lt;script&gt;');
    await started.value.close();
  });
});
