import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { showControls } from '../../src/core/safe-text.ts';
import { escapeHtml, escapeMarkdown, escapeMarkdownLine, markdownCode, markdownCodeBlock } from '../../src/ui/escape.ts';
import { tempDir } from '../helpers/db.ts';
import { FUZZ_SEED } from '../helpers/text.ts';

/** What a browser makes of an escaped text: entities back to characters. */
function unescape(html: string): string {
  return html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&#96;', '`')
    .replaceAll('&amp;', '&');
}

describe('escapeHtml', () => {
  it('escapes every character that can start markup or leave an attribute', () => {
    expect(escapeHtml('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeHtml(`a & b 'c' \`d\``)).toBe('a &amp; b &#39;c&#39; &#96;d&#96;');
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml('" onmouseover="alert(1)')).toBe('&quot; onmouseover=&quot;alert(1)');
  });

  it('escapes an existing entity again, so stored text shows as typed', () => {
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('leaves other text alone: letters of any script, emoji, new lines', () => {
    expect(escapeHtml('Zoë 👍 東京\nnext line')).toBe('Zoë 👍 東京\nnext line');
  });

  it('turns null and undefined into nothing and numbers into digits, and shows controls as the terminal does', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml('a\u0000b')).toBe('a\\x00b');
    expect(escapeHtml('x\u202Ey \u001b[31m')).toBe('x\\u202ey \\x1b[31m');
  });

  it('for any text: no markup characters survive, and a browser reads back the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const html = escapeHtml(text);
        expect(html).not.toMatch(/[<>"'`\u0000-\u0008\u001b\u202e]/u);
        expect(html.replace(/&(amp|lt|gt|quot|#39|#96);/gu, '')).not.toContain('&');
        expect(unescape(html)).toBe(showControls(text));
      }),
      { ...FUZZ_SEED, numRuns: 200 },
    );
  });

  const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync('which', [b]).status === 0);
  // Skipped only where no Chromium is installed: .ci/run installs Debian's, so CI always runs it.
  it.skipIf(!chromium)('a <script> in a story never runs in a real browser', () => {
    const { dir, cleanup } = tempDir();
    try {
      const hostile = [
        '<script>document.title="PWNED"</script>',
        '<img src=x onerror="document.title=\'PWNED\'">',
        '</p><script>document.title="PWNED"</script>',
        '" autofocus onfocus="document.title=\'PWNED\'',
      ];
      const body = hostile.map((t) => `<p title="${escapeHtml(t)}">${escapeHtml(t)}</p>`).join('\n');
      const file = join(dir, 'story.html');
      writeFileSync(file, `<!doctype html><html><head><title>safe</title></head><body>${body}</body></html>`);
      const result = spawnSync(chromium ?? '', ['--headless', '--no-sandbox', '--disable-gpu', '--virtual-time-budget=2000', '--dump-dom', `file://${file}`], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.stdout).toContain('<title>safe</title>');
      expect(result.stdout).not.toContain('<title>PWNED');
      expect(result.stdout).not.toContain('<script');
      expect(result.stdout).not.toContain('<img');
      // The text reads back as typed, as text.
      expect(result.stdout).toContain('&lt;script&gt;document.title="PWNED"&lt;/script&gt;');
    } finally {
      cleanup();
    }
  });
});

describe('the Markdown escaper', () => {
  it('keeps links, raw HTML, emphasis and headings from forming', () => {
    expect(escapeMarkdown('[click me](javascript:alert(1))')).toBe('\\[click me\\]\\(javascript:alert\\(1\\)\\)');
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(escapeMarkdown('# not a heading\n- not a list\n1. nor this *bold* &amp;')).toBe('\\# not a heading\n\\- not a list\n1\\. nor this \\*bold\\* \\&amp;');
  });

  it('folds new lines for one-line places, so a table cell or heading cannot be ended', () => {
    expect(escapeMarkdownLine('a |b\n\n# c')).toBe('a \\|b \\# c');
  });

  it('fences a code block with more backticks than the text holds', () => {
    expect(markdownCodeBlock('a ``` b ```` c')).toBe('`````text\na ``` b ```` c\n`````');
    expect(markdownCodeBlock('esc \u001b]0;x\u0007')).toBe('```text\nesc \\x1b]0;x\\x07\n```');
  });

  it('keeps a command as typed inside a code span, whatever quotes and markup characters it holds', () => {
    expect(markdownCode(`svc practice adopt 'Listen (fully) & <ask>'`)).toBe("`svc practice adopt 'Listen (fully) & <ask>'`");
    expect(markdownCode('svc story add "a `b`"')).toBe('``svc story add "a `b`"``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
    expect(markdownCode('a\nb')).toBe('`a b`');
  });
});
