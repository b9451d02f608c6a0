import { describe, expect, it } from 'vitest';
import { isTrustedUrl, rendererDevUrl } from '../../src-main/entry/electron-url-trust';

const fileUrl = 'file:///opt/PartnerDesk/resources/app/out/renderer/index.html';
const built = { devUrl: null, fileUrl };
const dev = { devUrl: 'http://localhost:5173/', fileUrl };

describe('rendererDevUrl: ELECTRON_RENDERER_URL only in an unpackaged app', () => {
  it('is honoured in development', () => {
    expect(rendererDevUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, false)).toBe('http://localhost:5173/');
  });

  it('is ignored in a packaged app', () => {
    expect(rendererDevUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, true)).toBeNull();
  });

  it('is ignored when absent, malformed or not http(s)', () => {
    expect(rendererDevUrl({}, false)).toBeNull();
    expect(rendererDevUrl({ ELECTRON_RENDERER_URL: '' }, false)).toBeNull();
    expect(rendererDevUrl({ ELECTRON_RENDERER_URL: 'not a url' }, false)).toBeNull();
    expect(rendererDevUrl({ ELECTRON_RENDERER_URL: 'file:///tmp/evil.html' }, false)).toBeNull();
    expect(rendererDevUrl({ ELECTRON_RENDERER_URL: 'javascript:alert(1)' }, false)).toBeNull();
  });
});

describe('isTrustedUrl', () => {
  it('trusts the built file, with any hash route', () => {
    expect(isTrustedUrl(fileUrl, built)).toBe(true);
    expect(isTrustedUrl(`${fileUrl}#/leads/review`, built)).toBe(true);
    expect(isTrustedUrl(`${fileUrl}#`, built)).toBe(true);
  });

  it('trusts no other file, query or path beside or below it', () => {
    for (const url of [
      `${fileUrl}.evil.html`,
      `${fileUrl}?x=1`,
      `${fileUrl}/x`,
      'file:///opt/PartnerDesk/resources/app/out/renderer/other.html',
      'file:///tmp/index.html',
      'file://evil.example/opt/PartnerDesk/resources/app/out/renderer/index.html',
      'file:///opt/PartnerDesk/resources/app/out/renderer/',
    ]) {
      expect(isTrustedUrl(url, built), url).toBe(false);
    }
  });

  it('trusts nothing that is not a URL, or a web page, when the built file is loaded', () => {
    for (const url of ['', 'index.html', 'about:blank', 'http://localhost:5173/', 'data:text/html,<h1>x</h1>', 'javascript:alert(1)']) {
      expect(isTrustedUrl(url, built), url).toBe(false);
    }
  });

  it('trusts the dev server by origin, whatever the path or hash', () => {
    expect(isTrustedUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/#/partners', dev)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/src/main.tsx?t=1', dev)).toBe(true);
    expect(isTrustedUrl('http://LOCALHOST:5173/', dev)).toBe(true);
  });

  it('does not trust look-alikes of the dev server a prefix match would let in', () => {
    for (const url of [
      'http://localhost:5173.evil.com/',
      'http://localhost:51730/',
      'http://localhost:5173@evil.com/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'http://localhost/',
      'ws://localhost:5173/',
      fileUrl,
    ]) {
      expect(isTrustedUrl(url, dev), url).toBe(false);
    }
  });

  it('trusts nothing when the dev URL itself has no http(s) origin', () => {
    expect(isTrustedUrl('file:///tmp/x.html', { devUrl: 'file:///tmp/x.html', fileUrl })).toBe(false);
    expect(isTrustedUrl('about:blank', { devUrl: 'nonsense', fileUrl })).toBe(false);
  });
});
