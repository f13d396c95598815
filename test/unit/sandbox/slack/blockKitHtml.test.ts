import { blocksHtml } from '../../../../sandbox/slack/blockKitHtml';
import type { BlockContext } from '../../../../sandbox/slack/blockParts';
import { NO_NAMES } from '../../../../sandbox/slack/mrkdwn';

const inMessage: BlockContext = { names: NO_NAMES, surface: 'message', people: [{ id: 'U1', name: 'Dana <Reyes>' }], conversations: [] };
const inModal: BlockContext = { ...inMessage, surface: 'modal' };
const plain = (text: string) => ({ type: 'plain_text', text });

describe('Block Kit in the emulator web view', () => {
  it('gives live buttons what the page needs to send their block_actions', () => {
    const html = blocksHtml(
      [{ type: 'actions', block_id: 'decision', elements: [{ type: 'button', action_id: 'registration.approve', text: plain('Approve :white_check_mark:'), value: 'r-1', style: 'primary' }] }],
      inMessage,
    );
    expect(html).toBe(
      '<div class="block actions"><button type="button" class="btn primary" data-block-id="decision" data-action-id="registration.approve" data-type="button" data-value="r-1">Approve ✅</button></div>',
    );
  });

  it('makes url buttons links only to safe schemes; inside modals, buttons send nothing', () => {
    const buttons = (url?: string) => [{ type: 'actions', block_id: 'b', elements: [{ type: 'button', action_id: 'go', text: plain('Open'), ...(url ? { url } : {}) }] }];
    expect(blocksHtml(buttons('https://example.com/x'), inMessage)).toContain('<a class="btn" href="https://example.com/x" target="_blank" rel="noopener noreferrer" data-block-id="b" data-action-id="go"');
    expect(blocksHtml(buttons('javascript:alert(1)'), inMessage)).not.toContain('href');
    expect(blocksHtml(buttons('https://example.com/x'), inModal)).toContain('rel="noopener noreferrer">Open</a>');
    expect(blocksHtml(buttons(), inModal)).toContain('<button type="button" class="btn" disabled>Open</button>');
  });

  it('draws sections with fields and a select accessory, headers, context, dividers and images without loading them', () => {
    const html = blocksHtml(
      [
        { type: 'header', text: plain('Digest <b>') },
        {
          type: 'section',
          block_id: 's',
          text: { type: 'mrkdwn', text: '*Amount*' },
          fields: [{ type: 'mrkdwn', text: '*Region*\nNA' }],
          accessory: { type: 'static_select', action_id: 'pick', placeholder: plain('Assign…'), options: [{ text: plain('Dana'), value: 'd"x' }] },
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: '_why_' }, { type: 'image', image_url: 'https://example.com/a.png', alt_text: 'logo' }] },
        { type: 'divider' },
        { type: 'image', image_url: 'https://example.com/chart.png', alt_text: 'chart' },
        { type: 'rich_text', elements: [] },
      ],
      inMessage,
    );
    expect(html).toContain('<div class="block header">Digest &#60;b&#62;</div>');
    expect(html).toContain('<div class="text"><b>Amount</b></div><div class="fields"><div><b>Region</b><br>NA</div></div>');
    expect(html).toContain('<select class="select" data-block-id="s" data-action-id="pick" data-type="static_select"><option value="" disabled selected>Assign…</option><option value="d&#34;x">Dana</option></select>');
    expect(html).toContain('<i>why</i>');
    expect(html).toContain('<hr class="block divider">');
    expect(html).toContain('🖼 chart');
    expect(html).not.toContain('<img');
    expect(html).toContain('[rich_text block]');
  });

  it('turns a modal input block into a labelled form control marked required unless optional', () => {
    const html = blocksHtml(
      [
        { type: 'input', block_id: 'reason', label: plain('Why?'), element: { type: 'plain_text_input', action_id: 'reason_input', multiline: true, max_length: 2000 } },
        { type: 'input', block_id: 'owner', optional: true, label: plain('Owner'), element: { type: 'users_select', action_id: 'who' } },
      ],
      inModal,
    );
    expect(html).toContain('<div class="block input" data-block-id="reason" data-required="true"><label class="input-label">Why?</label><textarea class="field" rows="4" data-block-id="reason" data-action-id="reason_input" data-type="plain_text_input" maxlength="2000"></textarea>');
    expect(html).toContain('<div class="block input" data-block-id="owner"><label class="input-label">Owner <span class="optional">(optional)</span></label>');
    expect(html).toContain('<option value="U1">Dana &#60;Reyes&#62;</option>');
  });
});
