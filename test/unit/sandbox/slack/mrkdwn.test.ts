import { renderMrkdwn, renderPlainText, type Names } from '../../../../sandbox/slack/mrkdwn';

const names: Names = {
  user: (id) => ({ U0DANA: 'Dana Reyes' })[id],
  channel: (id) => ({ C0ALERTS: 'partner-alerts' })[id],
};

describe('Slack mrkdwn in the emulator web view', () => {
  it.each([
    ['plain text', 'Hello there', 'Hello there'],
    ['bold', '*Northwind* registered *Globex*', '<b>Northwind</b> registered <b>Globex</b>'],
    ['italic', 'an _important_ note', 'an <i>important</i> note'],
    ['strike', 'was ~wrong~ right', 'was <s>wrong</s> right'],
    ['nested emphasis', '*_both_*', '<b><i>both</i></b>'],
    ['emphasis inside words is text', 'snake_case_name and 2*3*4', 'snake_case_name and 2*3*4'],
    ['emphasis does not cross lines', '*open\nclose*', '*open<br>close*'],
    ['emphasis after punctuation', '(*bold*), "_it_"', '(<b>bold</b>), &#34;<i>it</i>&#34;'],
    ['inline code keeps its markers', 'run `*not bold*` now', 'run <code>*not bold*</code> now'],
    ['code block', 'before\n```\nconst a = 1 < 2;\n*x*\n```\nafter', 'before<pre>const a = 1 &#60; 2;\n*x*\n</pre>after'],
    ['unclosed fence is text', 'a ``` b', 'a ``` b'],
    ['quoted lines', '> first\n&gt; second\nafter', '<blockquote>first<br>second</blockquote>after'],
    ['quote the rest', 'intro\n>>> one\ntwo', 'intro<br><blockquote>one<br>two</blockquote>'],
    ['line breaks', 'a\nb', 'a<br>b'],
    ['link with label', '<https://trellis.example/r/1?a=1&amp;b=2|Registration in Trellis>', '<a href="https://trellis.example/r/1?a=1&#38;b=2" target="_blank" rel="noopener noreferrer">Registration in Trellis</a>'],
    ['bare link', '<https://example.com>', '<a href="https://example.com" target="_blank" rel="noopener noreferrer">https://example.com</a>'],
    ['mailto link', '<mailto:ada@example.com|Ada>', '<a href="mailto:ada@example.com" target="_blank" rel="noopener noreferrer">Ada</a>'],
    ['bold link', '*<https://example.com|Globex>*', '<b><a href="https://example.com" target="_blank" rel="noopener noreferrer">Globex</a></b>'],
    ['link label keeps a bar', '<https://example.com|a|b>', '<a href="https://example.com" target="_blank" rel="noopener noreferrer">a|b</a>'],
    ['known user', 'ping <@U0DANA>', 'ping <span class="mention">@Dana Reyes</span>'],
    ['unknown user with label', '<@U0NOBODY|nobody>', '<span class="mention">@nobody</span>'],
    ['unknown user', '<@U0NOBODY>', '<span class="mention">@U0NOBODY</span>'],
    ['known channel', 'see <#C0ALERTS>', 'see <span class="mention">#partner-alerts</span>'],
    ['special mention', '<!here> look', '<span class="mention">@here</span> look'],
    ['date with fallback', '<!date^1700000000^{date}|Nov 14>', '<span class="mention">Nov 14</span>'],
    ['slack escapes read once', 'AT&amp;T &lt;b&gt; &amp;lt;', 'AT&#38;T &#60;b&#62; &#38;lt;'],
    ['emoji', ':warning: *Conflict* :white_check_mark:', '⚠️ <b>Conflict</b> ✅'],
    ['unknown emoji and times stay text', ':not_an_emoji: at 10:30:45', ':not_an_emoji: at 10:30:45'],
    ['no emoji in code', '`:warning:`', '<code>:warning:</code>'],
  ])('%s', (_name, input, html) => {
    expect(renderMrkdwn(input, names)).toBe(html);
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>', '&#60;script&#62;alert(1)&#60;/script&#62;'],
    ['escaped markup', '&lt;img src=x onerror=alert(1)&gt;', '&#60;img src=x onerror=alert(1)&#62;'],
    ['a javascript: link', '<javascript:alert(1)|click me>', '&#60;javascript:alert(1)|click me&#62;'],
    ['a javascript: link in other case', '<JaVaScRiPt:alert(1)>', '&#60;JaVaScRiPt:alert(1)&#62;'],
    ['a data: link', '<data:text/html,<b>x</b>|x>', '&#60;data:text/html,&#60;b&#62;x&#60;/b&#62;|x&#62;'],
    ['quotes breaking out of href', '<https://x.example/"onmouseover="alert(1)|x>', '<a href="https://x.example/&#34;onmouseover=&#34;alert(1)" target="_blank" rel="noopener noreferrer">x</a>'],
    ['markup in a mention label', '<@U0NOBODY|&lt;b&gt;x>', '<span class="mention">@&#60;b&#62;x</span>'],
    ['a forged placeholder', '\uE0000\uE001 <https://example.com>', '\uFFFD0\uFFFD <a href="https://example.com" target="_blank" rel="noopener noreferrer">https://example.com</a>'],
  ])('never lets through %s', (_name, input, html) => {
    const out = renderMrkdwn(input, names);
    expect(out).toBe(html);
    expect(out).not.toMatch(/<(script|img)|href="(javascript|data):/i);
  });

  it('draws emoji in plain text and escapes the rest', () => {
    expect(renderPlainText('Approve :white_check_mark: <b>*not bold*</b>')).toBe('Approve ✅ &#60;b&#62;*not bold*&#60;/b&#62;');
  });
});
