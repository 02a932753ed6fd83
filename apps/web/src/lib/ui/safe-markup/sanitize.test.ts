import { describe, expect, it } from 'vitest';
import { sanitizeMarkup } from './sanitize.ts';

describe('sanitizeMarkup', () => {
  it('keeps the five allowed inline tags (happy)', () => {
    expect(sanitizeMarkup('CO<sub>2</sub> and <i>H. pylori</i>, <b>x</b><sup>2</sup> <u>u</u>')).toBe(
      'CO<sub>2</sub> and <i>H. pylori</i>, <b>x</b><sup>2</sup> <u>u</u>',
    );
  });

  it('keeps already-escaped text as it is', () => {
    expect(sanitizeMarkup('&lt;script&gt;alert(1)&lt;/script&gt; A &amp; B &#945; &#x3b1;')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; A &amp; B &#945; &#x3b1;',
    );
  });

  it('escapes any other tag, attribute and quote (security)', () => {
    expect(sanitizeMarkup('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(sanitizeMarkup('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(sanitizeMarkup('<i onclick="x">a</i>')).toBe('&lt;i onclick=&quot;x&quot;&gt;a');
    expect(sanitizeMarkup('<a href="javascript:alert(1)">x</a>')).toContain('&lt;a href=');
    expect(sanitizeMarkup('a & b < c')).toBe('a &amp; b &lt; c');
  });

  it('balances tags so nothing spills out (security)', () => {
    expect(sanitizeMarkup('<i>open')).toBe('<i>open</i>');
    expect(sanitizeMarkup('stray</b> close')).toBe('stray close');
    expect(sanitizeMarkup('<b><i>x</b>y</i>')).toBe('<b><i>x</i></b>y');
    expect(sanitizeMarkup('<I>upper</I>')).toBe('<i>upper</i>');
  });

  it('returns an empty string for missing markup', () => {
    expect(sanitizeMarkup(null)).toBe('');
    expect(sanitizeMarkup('')).toBe('');
  });

  it('keeps <mark> only when asked, for search snippets (security)', () => {
    expect(sanitizeMarkup('a <mark>vagus</mark> b')).toBe('a &lt;mark&gt;vagus&lt;/mark&gt; b');
    expect(sanitizeMarkup('a <mark>vagus</mark> b', { mark: true })).toBe('a <mark>vagus</mark> b');
    expect(sanitizeMarkup('<mark onclick="x">v</mark>', { mark: true })).toBe('&lt;mark onclick=&quot;x&quot;&gt;v');
    expect(sanitizeMarkup('&lt;script&gt; <mark>x', { mark: true })).toBe('&lt;script&gt; <mark>x</mark>');
  });
});
